namespace Cuvis.Sandbox.Bench;

/// <summary>
/// CPU time of one or more processes so far (<see cref="ProcessCpu.Read"/>), with the tiered
/// compiler threads seen, by their /proc task path: that thread exits when idle and takes its
/// time out of any per-thread sum, so a JIT figure is only ever a difference of two readings.
/// </summary>
internal sealed record CpuTime(TimeSpan Total, IReadOnlyDictionary<string, double> JitThreads)
{
    /// <summary>CPU time between <paramref name="earlier"/> and this reading, and the tier-1 JIT part of it.</summary>
    public (TimeSpan Total, TimeSpan Jit) Since(CpuTime earlier) =>
        (Total - earlier.Total,
            TimeSpan.FromSeconds(JitThreads.Sum(thread => thread.Value - earlier.JitThreads.GetValueOrDefault(thread.Key))));
}
