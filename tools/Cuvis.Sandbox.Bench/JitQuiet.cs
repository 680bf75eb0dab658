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

    /// <summary>As <see cref="WarmUpAsync"/>, each round making every one of <paramref name="calls"/> in turn, <paramref name="callsPerRound"/> calls in all.</summary>
    public static async Task<(int Rounds, bool Quiet)> WarmUpCallsAsync(
        IReadOnlyCollection<int> processIds, IReadOnlyList<Func<Task>> calls, int callsPerRound, TimeSpan timeout)
    {
        var (_, rounds, quiet) = await WarmUpAsync(processIds, async () =>
        {
            var round = new Samples();
            foreach (var call in calls)
            {
                foreach (var micros in (await Timing.RepeatAsync(callsPerRound / calls.Count, call)).Micros)
                {
                    round.AddMicros(micros);
                }
            }

            return round;
        }, timeout);
        return (rounds, quiet);
    }

    /// <summary>A warm-up of <see cref="WarmUpCallsAsync"/> for a row's note: <c>after 12 warm-up rounds of 200 calls, until {processes}' tier-1 JIT was under 5 % of their CPU</c>.</summary>
    public static string Describe(int rounds, int callsPerRound, bool quiet, string processes, TimeSpan timeout) =>
        $"after {rounds} warm-up rounds of {callsPerRound} calls, "
        + (quiet ? $"until {processes}' tier-1 JIT was under {QuietShare * 100:0} % of their CPU" : $"{timeout.TotalSeconds:0} s, with their JIT still busy");
}
