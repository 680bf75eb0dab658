using System.Globalization;

namespace Cuvis.Sandbox.Supervisor.Diagnostics;

/// <summary>The supervisor's counters at one moment (totals since start, except the gauges: sessions, in-flight bytes, pooled workers).</summary>
internal sealed record SandboxMetricsSnapshot(
    long SessionsActive,
    long WorkersStarted,
    long WorkersCrashed,
    long WorkersRecovered,
    long ReplaysFailed,
    long BudgetsSpent,
    long SessionsExpired,
    long HungCallsKilled,
    long CacheHits,
    long CacheMisses,
    long CacheEvictions,
    long Builds,
    long InFlightRequestBytes,
    long RequestsRejected,
    long WorkersPooled,
    long PoolHits,
    long PoolMisses)
{
    /// <summary>One line of <c>name=value</c> pairs, for the periodic summary.</summary>
    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"sessions={SessionsActive} workers_started={WorkersStarted} crashed={WorkersCrashed} recovered={WorkersRecovered} "
        + $"replays_failed={ReplaysFailed} sessions_failed={BudgetsSpent} expired={SessionsExpired} hung_killed={HungCallsKilled} "
        + $"cache_hits={CacheHits} cache_misses={CacheMisses} evictions={CacheEvictions} builds={Builds} "
        + $"in_flight_bytes={InFlightRequestBytes} rejected={RequestsRejected} pooled={WorkersPooled} pool_hits={PoolHits} pool_misses={PoolMisses}");
}
