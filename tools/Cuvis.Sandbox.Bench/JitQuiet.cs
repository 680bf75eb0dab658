using System.Diagnostics;

namespace Cuvis.Sandbox.Bench;

/// <summary>
/// Warms processes up by calling them in rounds until their .NET tiered compilers have gone
/// quiet. Waiting idle proves nothing: tiering moves only with calls (tier 0, then an
/// instrumented tier, then tier 1, each after 30 calls and a pause), so quiet is judged while
/// the calls run.
/// </summary>
internal static class JitQuiet
{
    /// <summary>Tier-1 JIT below this share of the processes' CPU over a round counts as quiet.</summary>
    private const double QuietShare = 0.05;

    /// <summary>Runs <paramref name="round"/> until a round in which <paramref name="processIds"/> spent under 5 % of their CPU on JIT, or <paramref name="timeout"/> passed.</summary>
    /// <returns>Every latency of the rounds, how many there were, and whether the last was quiet.</returns>
    public static async Task<(Samples Latencies, int Rounds, bool Quiet)> WarmUpAsync(
        IReadOnlyCollection<int> processIds, Func<Task<Samples>> round, TimeSpan timeout)
    {
        var latencies = new Samples();
        var watch = Stopwatch.StartNew();
        var rounds = 0;
        var quiet = false;
        while (!quiet && watch.Elapsed < timeout)
        {
            var before = ProcessCpu.Read(processIds);
            foreach (var micros in (await round()).Micros)
            {
                latencies.AddMicros(micros);
            }

            var (total, jit) = ProcessCpu.Read(processIds).Since(before);
            quiet = jit.TotalSeconds < QuietShare * total.TotalSeconds;
            rounds++;
        }

        return (latencies, rounds, quiet);
    }
}
