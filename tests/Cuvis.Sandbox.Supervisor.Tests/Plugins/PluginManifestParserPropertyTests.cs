using CsCheck;
using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Tests.Shared;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

/// <summary>
/// The manifest is the first thing a client sends that the supervisor parses. Whatever the bytes,
/// the parse ends in the entries they hold or an <see cref="InvalidManifestException"/> naming the
/// problem, within a time limit and an allocation budget that grows with the input only.
/// </summary>
public sealed class PluginManifestParserPropertyTests
{
    // JsonDocument keeps its metadata in pooled arrays; the entries and their strings cost a few
    // dozen bytes per input byte at most.
    private const long FixedBytes = 256 * 1024;
    private const long BytesPerInputByte = 64;

    [Fact]
    public void Parse_GeneratedManifest_GivesExactlyTheGeneratedEntriesInOrder() =>
        ManifestGenerators.Valid.Sample(
            manifest =>
            {
                var json = manifest.ToJson();
                var run = BoundedParse.Run(() => PluginManifestParser.Parse(json)).AllocatedWithin(json.Length, FixedBytes, BytesPerInputByte);

                run.Exception.Should().BeNull();
                var parsed = run.Value!.Select(entry => (entry.Name, entry.Error, entry.Spec?.GetType(), entry.Spec?.Source, entry.Spec?.Ref, Provides: Join(entry.Spec?.Provides)));
                var expected = manifest.Plugins.Select(spec => (spec.Name, (string?)null, (Type?)spec.GetType(), (string?)spec.Source, (string?)spec.Ref, Provides: Join(spec.Provides)));
                if (!parsed.SequenceEqual(expected))
                {
                    parsed.Should().Equal(expected);
                }
            },
            iter: PropertyRuns.Iterations(3000));

    [Fact]
    public void Parse_MutatedManifest_GivesEntriesOrRefusesNamingTheProblem() =>
        Mutations.Of(ManifestGenerators.Valid.Select(manifest => manifest.ToJson()), ManifestGenerators.Tokens).Sample(
            CheckOutcome, iter: PropertyRuns.Iterations(5000), print: Mutations.Print);

    [Fact]
    public void Parse_RandomBytes_GivesEntriesOrRefusesNamingTheProblem() =>
        Mutations.RandomBytes(ManifestGenerators.Tokens).Sample(CheckOutcome, iter: PropertyRuns.Iterations(5000), print: Mutations.Print);

    [Fact]
    public void Parse_StructurallyHostileManifest_GivesEntriesOrRefusesNamingTheProblem() =>
        HostileManifests.All.Sample(CheckOutcome, iter: PropertyRuns.Iterations(1000), print: Mutations.Print);

    private static string Join(IReadOnlyList<string>? provides) => provides is null ? "" : string.Join('|', provides);

    private static void CheckOutcome(byte[] json)
    {
        var run = BoundedParse.Run(() => PluginManifestParser.Parse(json)).AllocatedWithin(json.Length, FixedBytes, BytesPerInputByte);
        switch (run.Exception)
        {
            case null:
                run.Value!.Count.Should().BeLessThanOrEqualTo(PluginOptions.DefaultMaxManifestEntries);
                if (run.Value!.FirstOrDefault(entry => (entry.Spec is null) == (entry.Error is null) || entry.Error?.Contains($"'{entry.Name}'", StringComparison.Ordinal) == false) is { } bad)
                {
                    throw new InvalidOperationException($"Entry {bad} must have a spec or an error naming the entry, not both or neither.");
                }

                break;
            case InvalidManifestException refused:
                refused.Message.Should().StartWith("Invalid plugin manifest: ").And.NotStartWith("Invalid plugin manifest: .");
                break;
            default:
                throw new InvalidOperationException($"The parse threw {run.Exception.GetType().Name}, not InvalidManifestException.", run.Exception);
        }
    }
}
