namespace Cuvis.Sandbox.Supervisor.Diagnostics;

/// <summary>What happened to a session's worker, for the operator page.</summary>
internal enum IncidentKind
{
    /// <summary>The worker ended without being asked to: crash, kill, out of memory, hung-call kill.</summary>
    WorkerCrashed,

    /// <summary>A fresh worker took over and the session's plugins and pipeline were replayed into it.</summary>
    Recovered,

    /// <summary>A recovery attempt could not start or replay a worker; another may follow.</summary>
    ReplayFailed,

    /// <summary>The restart budget was spent: the session answers FAILED_PRECONDITION until closed.</summary>
    SessionFailed,

    /// <summary>The session was closed for being idle.</summary>
    SessionExpired,
}

/// <summary>One entry of the <see cref="IncidentLog"/>.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="SessionId">The session it happened to.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">The cause or outcome, as the log line says it.</param>
internal sealed record Incident(DateTimeOffset Time, string SessionId, IncidentKind Kind, string Detail);

/// <summary>
/// The most recent crashes, recoveries and expiries, newest first, for the operator page: a fixed
/// number of them (<see cref="Capacity"/>), so a crash loop cannot grow the supervisor's memory.
/// The counters of <see cref="SandboxMetrics"/> keep the totals.
/// </summary>
internal sealed class IncidentLog(TimeProvider timeProvider)
{
    /// <summary>How many incidents are kept.</summary>
    public const int Capacity = 100;

    // A detail is a log line's cause (an exit, a stderr-free message); long ones are cut.
    private const int MaxDetailLength = 500;

    private readonly Lock _gate = new();
    private readonly Queue<Incident> _incidents = new(Capacity);

    public void Record(string sessionId, IncidentKind kind, string detail)
    {
        var incident = new Incident(timeProvider.GetUtcNow(), sessionId, kind,
            detail.Length <= MaxDetailLength ? detail : string.Concat(detail.AsSpan(0, MaxDetailLength - 1), "…"));
        lock (_gate)
        {
            if (_incidents.Count == Capacity)
            {
                _incidents.Dequeue();
            }

            _incidents.Enqueue(incident);
        }
    }

    /// <summary>The incidents kept, newest first.</summary>
    public IReadOnlyList<Incident> Recent()
    {
        lock (_gate)
        {
            return [.. _incidents.Reverse()];
        }
    }
}
