using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Bench;

/// <summary>
/// The cheapest slice of <c>./run.sh bench --quick</c>: the real tool against a real, contained
/// supervisor and a worker it starts itself must make its rows, with numbers, and write the table.
/// </summary>
public sealed class BenchRunTests(ITestOutputHelper output) : IntegrationTest(output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task QuickRun_OfTheRelayAndKernelRows_MeasuresBothWays_AndWritesTheTable()
    {
        var report = Work.Combine("bench.md");
        using var timeout = new CancellationTokenSource(RunTimeout);
        var result = await Cli.Wrap(Artifacts.DotnetHost)
            .WithArguments(
            [
                Artifacts.BenchAssembly,
                "--quick",
                "--rows", "relay,kernels",
                "--work-dir", Work.Combine("bench"),
                "--report", report,
            ])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);

        var text = result.StandardOutput + result.StandardError;
        Output.WriteLine(text);
        result.ExitCode.Should().Be(0, "the run must be made:\n" + text);
        var table = await File.ReadAllTextAsync(report);
        table.Should().Contain("| measure | figure | baseline (same run) | ratio | target | mark | note |");
        foreach (var measure in (string[])["ListAvailableNodes p50: via the supervisor vs direct to a worker", "Inference of a tiny tensor (1 x 4 x 4 x 4 float32, MinMaxNormalizer) p50: via the supervisor vs direct to a worker"])
        {
            Row(measure, @"[\d.]+ (us|ms|s) \(p99 [\d.]+ (us|ms|s)\) \| [\d.]+ (us|ms|s) \(p99 [\d.]+ (us|ms|s)\) \| [+-][\d.]+ (us|ms|s) \| <= \+150 us \| (pass|FAIL)")
                .IsMatch(table).Should().BeTrue($"the table has a measured row '{measure}':\n{table}");
        }

        foreach (var kernel in (string[])["MinMaxNormalizer", "RXPerBatch"])
        {
            var row = File.Exists(Path.Combine(Artifacts.RepositoryRoot, "tools", "bench", "kernels.py"))
                ? Row($"{kernel} on 1 x 256 x 256 x 128 float32, time inside the worker", @"[\d.]+ (us|ms|s) \| [\d.]+ (us|ms|s) \| [\d.]+x \| <= 1.0x NumPy \(OpenBLAS\) \| (pass|FAIL)")
                : Row($"{kernel} on 1 x 256 x 256 x 128 float32, time inside the worker", @"[\d.]+ (us|ms|s) \| — \| — \| .* \| n/a \| baseline unavailable: tools/bench/kernels.py missing");
            row.IsMatch(table).Should().BeTrue($"the table has the kernel row of {kernel}:\n{table}");
            Row($"{kernel} on 1 x 256 x 256 x 128 float32, whole call through the supervisor", @"[\d.]+ (us|ms|s) \|").IsMatch(table)
                .Should().BeTrue($"the whole call of {kernel} is reported beside it:\n{table}");
        }
    }

    private static Regex Row(string measure, string cells) => new($@"^\| {Regex.Escape(measure)} \| {cells}", RegexOptions.Multiline);
}
