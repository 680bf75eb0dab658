using System.Globalization;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;

namespace Cuvis.Sandbox.IntegrationTests.Malformed;

/// <summary>
/// <c>artifacts/reports/malformed-input.md</c>: one table per test run, one row per attack, with the
/// healthy session's latency during the attack beside its baseline. Rows are appended as each
/// attack ends, so an interrupted run still leaves what it measured.
/// </summary>
internal static class AttackReport
{
    private static readonly Lock Gate = new();
    private static bool _started;

    public static string FilePath { get; } = Path.Combine(Artifacts.RepositoryRoot, "artifacts", "reports", "malformed-input.md");

    public static void Append(string attack, string outcome, LatencySummary during, LatencySummary baseline)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            if (!_started)
            {
                _started = true;
                var title = File.Exists(FilePath) ? "" : "# Malformed input through the public API\n\nHealthy session: a builtin MinMaxNormalizer Inference in a loop "
                    + "beside each attack; latencies in milliseconds (nearest rank). Shared 2-core machines: compare within a run, not across.\n";
                var run = string.Create(CultureInfo.InvariantCulture,
                    $"## Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.MachineName} ({Environment.ProcessorCount} cores)");
                File.AppendAllText(FilePath,
                    $"{title}\n{run}\n\n| attack | outcome | healthy calls | failed | p50 | p99 | baseline p99 |\n|---|---|---|---|---|---|---|\n");
            }

            File.AppendAllText(FilePath,
                $"| {Cell(attack)} | {Cell(outcome)} | {during.Calls} | {during.Failed} | {LatencySummary.Milliseconds(during.P50)} "
                + $"| {LatencySummary.Milliseconds(during.P99)} | {LatencySummary.Milliseconds(baseline.P99)} |\n");
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
