using System.Diagnostics.Metrics;

namespace Cuvis.Sandbox.Supervisor.Diagnostics;

/// <summary>
/// Every counter the supervisor keeps, in one <see cref="Meter"/> named <see cref="MeterName"/>:
/// exporters (OpenTelemetry, dotnet-counters) subscribe to it by name. The totals are also kept
/// here so the periodic summary line (<see cref="MetricsSummaryService"/>) can print them.
/// </summary>
internal sealed class SandboxMetrics
{
    public const string MeterName = "Cuvis.Sandbox.Supervisor";

    private readonly UpDownCounter<int> _sessionsActive;
    private readonly Counter<long> _workersStarted;
    private readonly Counter<long> _workersCrashed;
    private readonly Counter<long> _workersRecovered;
    private readonly Counter<long> _replaysFailed;
    private readonly Counter<long> _budgetsSpent;
    private readonly Counter<long> _sessionsExpired;
    private readonly Counter<long> _hungCallsKilled;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _cacheEvictions;
    private readonly Histogram<double> _buildDuration;
    private readonly UpDownCounter<long> _inFlightRequestBytes;
    private readonly Counter<long> _requestsRejected;
    private readonly UpDownCounter<int> _workersPooled;
    private readonly Counter<long> _poolTakes;
    private readonly Histogram<double> _rpcDuration;
    private readonly Meter _meter;

    private long _sessions;
    private long _started;
    private long _crashed;
    private long _recovered;
    private long _failedReplays;
    private long _spentBudgets;
    private long _expired;
    private long _hung;
    private long _hits;
    private long _misses;
    private long _evictions;
    private long _builds;
    private long _inFlightBytes;
    private long _rejected;
    private long _pooled;
    private long _poolHits;
    private long _poolMisses;

    public SandboxMetrics(IMeterFactory meterFactory)
    {
        var meter = _meter = meterFactory.Create(MeterName);
        _sessionsActive = meter.CreateUpDownCounter<int>("cuvis.sessions.active", "{session}", "Sessions open now.");
        _workersStarted = meter.CreateCounter<long>("cuvis.workers.started", "{worker}", "Worker processes started, for new sessions and for recoveries.");
        _workersCrashed = meter.CreateCounter<long>("cuvis.workers.crashed", "{worker}", "Workers that ended without being asked to (crash, kill, out of memory, hung-call kill).");
        _workersRecovered = meter.CreateCounter<long>("cuvis.workers.recovered", "{worker}", "Sessions whose worker was replaced and replayed after a crash.");
        _replaysFailed = meter.CreateCounter<long>("cuvis.replays.failed", "{replay}", "Recoveries whose new worker could not be started or replayed.");
        _budgetsSpent = meter.CreateCounter<long>("cuvis.sessions.failed", "{session}", "Sessions marked failed because their restart budget was spent.");
        _sessionsExpired = meter.CreateCounter<long>("cuvis.sessions.expired", "{session}", "Sessions closed for being idle too long.");
        _hungCallsKilled = meter.CreateCounter<long>("cuvis.calls.hung_killed", "{call}", "Workers killed because a call overran its deadline by the grace period.");
        _cacheHits = meter.CreateCounter<long>("cuvis.plugin_cache.hits", "{lookup}", "Plugin cache lookups served from the cache.");
        _cacheMisses = meter.CreateCounter<long>("cuvis.plugin_cache.misses", "{lookup}", "Plugin cache lookups that had to clone or build.");
        _cacheEvictions = meter.CreateCounter<long>("cuvis.plugin_cache.evictions", "{entry}", "Plugin cache entries evicted to stay under the size limit.");
        _buildDuration = meter.CreateHistogram<double>("cuvis.plugin_builds.duration", "s", "Duration of plugin builds (restore and build).");
        _inFlightRequestBytes = meter.CreateUpDownCounter<long>("cuvis.requests.in_flight_bytes", "By", "Bytes of public requests admitted and not yet finished.");
        _requestsRejected = meter.CreateCounter<long>("cuvis.requests.rejected", "{request}", "Public requests refused because the in-flight bytes budget was spent.");
        _workersPooled = meter.CreateUpDownCounter<int>("cuvis.workers.pooled", "{worker}", "Blank workers waiting in the pool now.");
        _poolTakes = meter.CreateCounter<long>("cuvis.workers.pool_takes", "{worker}",
            "Workers sessions asked for: outcome=hit took a pooled worker, outcome=miss started one.");
        _rpcDuration = meter.CreateHistogram<double>("cuvis.rpc.duration", "s", "Duration of public RPCs, by method and the status the client got.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
    }

    /// <summary>A public RPC ended with <paramref name="status"/> after <paramref name="duration"/>.</summary>
    public void RpcFinished(string method, global::Grpc.Core.StatusCode status, TimeSpan duration) =>
        _rpcDuration.Record(duration.TotalSeconds, new("method", method), new("status", status.ToString()));

    /// <summary>Publishes each containment layer as <c>cuvis.containment.layer_active</c> (1 active, 0 not), tagged with its name.</summary>
    public void ObserveContainment(IReadOnlyList<(string Layer, bool Active)> layers) =>
        _meter.CreateObservableGauge("cuvis.containment.layer_active",
            () => layers.Select(l => new Measurement<int>(l.Active ? 1 : 0, new KeyValuePair<string, object?>("layer", l.Layer))),
            "{layer}", "Whether each containment layer is active for new workers (1) or not (0).");

    public void SessionOpened() => Add(_sessionsActive, ref _sessions, 1);

    public void SessionClosed() => Add(_sessionsActive, ref _sessions, -1);

    public void WorkerStarted() => Add(_workersStarted, ref _started);

    public void WorkerCrashed() => Add(_workersCrashed, ref _crashed);

    public void WorkerRecovered() => Add(_workersRecovered, ref _recovered);

    public void ReplayFailed() => Add(_replaysFailed, ref _failedReplays);

    public void BudgetSpent() => Add(_budgetsSpent, ref _spentBudgets);

    public void SessionExpired() => Add(_sessionsExpired, ref _expired);

    public void HungCallKilled() => Add(_hungCallsKilled, ref _hung);

    /// <param name="kind">"git" (clones and trees) or "build".</param>
    public void CacheHit(string kind) => Add(_cacheHits, ref _hits, kind);

    /// <param name="kind">"git" (clones and trees) or "build".</param>
    public void CacheMiss(string kind) => Add(_cacheMisses, ref _misses, kind);

    /// <param name="kind">"git" (clones and trees) or "build".</param>
    public void CacheEvicted(string kind) => Add(_cacheEvictions, ref _evictions, kind);

    /// <param name="duration">Restore and build, end to end.</param>
    /// <param name="succeeded">Whether the build produced a plugin.</param>
    public void BuildFinished(TimeSpan duration, bool succeeded)
    {
        Interlocked.Increment(ref _builds);
        _buildDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));
    }

    /// <summary>Bytes of a request admitted (positive) or finished (negative).</summary>
    public void InFlightRequestBytes(long delta)
    {
        Interlocked.Add(ref _inFlightBytes, delta);
        _inFlightRequestBytes.Add(delta);
    }

    public void RequestRejected() => Add(_requestsRejected, ref _rejected);

    /// <summary>Workers added to (positive) or taken out of (negative) the pool.</summary>
    public void Pooled(int delta) => Add(_workersPooled, ref _pooled, delta);

    /// <summary>A session's worker: taken from the pool (<paramref name="hit"/>) or started for it.</summary>
    public void PoolTaken(bool hit)
    {
        if (hit)
        {
            Interlocked.Increment(ref _poolHits);
        }
        else
        {
            Interlocked.Increment(ref _poolMisses);
        }

        _poolTakes.Add(1, new KeyValuePair<string, object?>("outcome", hit ? "hit" : "miss"));
    }

    /// <summary>The totals since start, for the summary line and tests.</summary>
    public SandboxMetricsSnapshot Snapshot() => new(
        Interlocked.Read(ref _sessions), Interlocked.Read(ref _started), Interlocked.Read(ref _crashed),
        Interlocked.Read(ref _recovered), Interlocked.Read(ref _failedReplays), Interlocked.Read(ref _spentBudgets),
        Interlocked.Read(ref _expired), Interlocked.Read(ref _hung), Interlocked.Read(ref _hits), Interlocked.Read(ref _misses),
        Interlocked.Read(ref _evictions), Interlocked.Read(ref _builds), Interlocked.Read(ref _inFlightBytes), Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _pooled), Interlocked.Read(ref _poolHits), Interlocked.Read(ref _poolMisses));

    private static void Add(Counter<long> counter, ref long total, string? kind = null)
    {
        Interlocked.Increment(ref total);
        if (kind is null)
        {
            counter.Add(1);
        }
        else
        {
            counter.Add(1, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    private static void Add(UpDownCounter<int> counter, ref long total, int delta)
    {
        Interlocked.Add(ref total, delta);
        counter.Add(delta);
    }
}
