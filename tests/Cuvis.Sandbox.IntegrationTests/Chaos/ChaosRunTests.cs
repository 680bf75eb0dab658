using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Chaos;

/// <summary>
/// The short version of <c>./run.sh chaos</c>: the real tool against a real, contained supervisor,
/// with every kind of fault injected, must report every invariant held.
/// </summary>
public sealed class ChaosRunTests(ITestOutputHelper output) : IntegrationTest(output)
{
    // ChaosKit's cold, contained build plus the run itself, on a busy 2-core machine.
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task ShortChaosRun_InjectsEveryKindOfFault_AndEveryInvariantHolds()
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        var result = await Cli.Wrap(Artifacts.DotnetHost)
            .WithArguments(
            [
                Artifacts.ChaosAssembly,
                "--sessions", "4",
                "--seconds", "20",
                "--faults-per-minute", "60",
                "--seed", "20261201",
                // A stopped worker holds its lane for the call's deadline plus the overrun check: keep both short.
                "--call-deadline", "8",
                "--Workers:ControlCallTimeout=00:00:02",
                "--work-dir", Work.Combine("chaos"),
                "--cache-dir", Work.Combine("cache"),
                "--keep",
            ])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);

        var text = result.StandardOutput + result.StandardError;
        Output.WriteLine(text);
        result.ExitCode.Should().Be(0, "the chaos run's verdicts must all pass:\n" + text);
        text.Should().Contain("Every invariant held.");
        foreach (var kind in (string[])["SIGKILL", "SIGSEGV", "SIGSTOP", "OOM"])
        {
            var row = FaultRow(kind).Match(text);
            row.Success.Should().BeTrue($"the table has a row for {kind}:\n{text}");
            int.Parse(row.Groups["injected"].Value, System.Globalization.CultureInfo.InvariantCulture)
                .Should().BePositive($"a short run injects every kind of fault, {kind} too");
        }
    }

    private static Regex FaultRow(string kind) => new($@"^\| {kind} \| (?<injected>\d+) \|", RegexOptions.Multiline);
}
