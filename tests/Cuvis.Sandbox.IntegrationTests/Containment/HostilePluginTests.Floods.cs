using System.Globalization;
using System.Text.RegularExpressions;
using Cuvis.Sandbox.IntegrationTests.Containment.Matrix;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using FluentAssertions.Execution;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

public sealed partial class HostilePluginTests
{
    // The supervisor's defaults (Workers:OutputLogBurstLines, Workers:OutputLogLinesPerSecond, Workers:OutputBytesPerSecond).
    private const int LogBurstLines = 200;
    private const int LogLinesPerSecond = 20;
    private const long OutputBytesPerSecond = 1L << 20;
    private const int FloodSeconds = 2;

    [Fact]
    public async Task FloodingStdoutAndStderr_IsReadAndLoggedAtABoundedRate_WithBoundedMemory_AndTheStderrTailIntact()
    {
        var pid = _supervisor.WorkerPidOf(_hostile.Id);
        var logged = WorkerLogLines(pid);
        var peak = ProcessTable.StatusBytes(_supervisor.ProcessId, "VmHWM");
        var started = DateTime.UtcNow;

        // The endless line first: the next flood's first newline ends it. Stderr last, so the
        // crash after it finds the log's bucket empty and its stderr tail full of flood.
        (string Attack, string Stream, int LineBytes)[] floods =
        [
            ("flood stdout with one endless line (no newline)", "stdout", 0),
            ("flood stdout (100-byte lines)", "stdout", 100),
            ("flood stderr (100-byte lines)", "stderr", 100),
        ];
        var results = new List<(string Report, int Logged)>();
        foreach (var flood in floods)
        {
            var before = WorkerLogLines(pid);
            var report = await _hostile.AttackAsync(
                "flood", ("stream", flood.Stream), ("line_bytes", flood.LineBytes), ("seconds", FloodSeconds), ("marker", Marker));
            results.Add((report, WorkerLogLines(pid) - before));
        }

        var crash = await _hostile.AttackAsync("crash");
        await _hostile.CloseAsync();
        var elapsed = DateTime.UtcNow - started;
        var growth = ProcessTable.StatusBytes(_supervisor.ProcessId, "VmHWM") - peak;
        var total = WorkerLogLines(pid) - logged;
        var suppressed = SuppressedLines(pid);
        var bound = LogBurstLines + (LogLinesPerSecond * elapsed.TotalSeconds) + 10;

        // A second's worth at once, then the rate; plus what the two pipes buffer.
        var written = results.Sum(result => LongField(result.Report, "bytes"));
        var readable = OutputBytesPerSecond * (1 + elapsed.TotalSeconds) + (2 * 64 << 10);

        string Outcome(int i) => total > bound
            ? HostileOutcome.Escaped($"the supervisor logged {results[i].Logged} lines of it")
            : HostileOutcome.Contained(
                $"got to write {Mib(HostileSession.Field(results[i].Report, "bytes"))} MiB in {FloodSeconds} s, the supervisor's log took {results[i].Logged} lines of it");
        await FinishAsync([.. floods.Select((flood, i) => (HostileGroup.Floods, flood.Attack, Outcome(i)))]);

        using (new AssertionScope())
        {
            foreach (var (report, _) in results)
            {
                report.Should().StartWith("succeeded: flooded", "a worker may write its own output");
            }

            total.Should().BeLessThanOrEqualTo((int)bound, "the supervisor re-logs a worker's output at a bounded rate");
            (total + suppressed).Should().BeGreaterThan((int)(LongField(results[1].Report, "lines") + LongField(results[2].Report, "lines")),
                "every line left out of the log is counted in a 'suppressed' line");
            growth.Should().BeLessThan(64L << 20, "reading a flood holds one line at a time");
            written.Should().BeLessThan((long)readable, "the supervisor reads a worker's output at a bounded rate, and the writer waits");
            crash.Should().Contain("crashing on purpose", "the stderr tail in the exit message keeps every line, logged or not");
        }
    }

    /// <summary>How many of the hostile worker's output lines the supervisor has logged so far.</summary>
    private int WorkerLogLines(int pid)
    {
        var prefix = $"worker {pid} std";
        return _supervisor.Log.Split('\n').Count(line => line.Contains(prefix, StringComparison.Ordinal));
    }

    /// <summary>The lines the supervisor said it left out of its log for <paramref name="pid"/>.</summary>
    private long SuppressedLines(int pid) =>
        Regex.Matches(_supervisor.Log, $@"suppressed (\d+) lines from worker pid {pid}\b")
            .Sum(match => long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));

    private static string Mib(string? bytes) =>
        bytes is null ? "?" : (long.Parse(bytes, CultureInfo.InvariantCulture) >> 20).ToString(CultureInfo.InvariantCulture);
}
