using Cuvis.Sandbox.Tests.Shared;

namespace Cuvis.Sandbox.Fuzz.Tests;

public sealed class FuzzTargetTests
{
    public static TheoryData<string, string> CommittedInputs()
    {
        var inputs = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.Names)
        {
            foreach (var file in FuzzInputs.Files("corpus", target).Concat(FuzzInputs.Files("regressions", target)))
            {
                inputs.Add(target, Path.GetRelativePath(FuzzInputs.FuzzDirectory, file));
            }
        }

        return inputs;
    }

    public static TheoryData<string> Targets() => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(CommittedInputs))]
    public void Run_CommittedInput_EndsInAResultOrTheDomainError(string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(FuzzInputs.FuzzDirectory, file));

        var run = BoundedParse.Run(() =>
        {
            FuzzTargets.Find(target)!.Run(input);
            return true;
        });

        run.Exception.Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Corpus_EveryTarget_HasSeeds(string target) =>
        FuzzInputs.Files("corpus", target).Should().NotBeEmpty($"afl-fuzz needs at least one seed in fuzz/corpus/{target}/");

    [Fact]
    public void Find_UnknownName_GivesNoTarget() => FuzzTargets.Find("nope").Should().BeNull();
}
