namespace Cuvis.Sandbox.Chaos;

/// <summary>
/// One injected fault and what became of it. Times are the run clock's (<see cref="RunClock"/>),
/// taken when this tool saw each event: the supervisor's log lines arrive a moment after the fact.
/// </summary>
internal sealed class Fault(FaultKind kind, string sessionId, int processId)
{
    public FaultKind Kind { get; } = kind;

    public string SessionId { get; } = sessionId;

    /// <summary>The worker attacked.</summary>
    public int ProcessId { get; } = processId;

    /// <summary>When the signal was sent, or the OOM call started.</summary>
    public TimeSpan? InjectedAt { get; set; }

    /// <summary>When the supervisor logged the attacked worker's exit.</summary>
    public TimeSpan? NoticedAt { get; set; }

    /// <summary>When the supervisor logged the session's replacement worker as recovered.</summary>
    public TimeSpan? RecoveredAt { get; set; }

    /// <summary>When the supervisor logged that the session failed: its restart budget was spent.</summary>
    public TimeSpan? FailedAt { get; set; }

    /// <summary>When the session was closed with this fault still unresolved.</summary>
    public TimeSpan? ClosedAt { get; set; }

    /// <summary>Why the fault could not be injected (the worker was already gone), if it could not.</summary>
    public string? NotInjected { get; set; }

    public bool IsResolved => RecoveredAt is not null || FailedAt is not null || ClosedAt is not null || NotInjected is not null;

    public TimeSpan? RecoveryTime => RecoveredAt - InjectedAt;

    /// <summary>
    /// Calls overlapping this window may have reached the attacked worker: from the injection
    /// until the supervisor noticed the exit (or, if it never logged one, until the fault resolved).
    /// </summary>
    public (TimeSpan From, TimeSpan To)? Window(TimeSpan end) => InjectedAt is { } from
        ? (from, NoticedAt ?? RecoveredAt ?? FailedAt ?? ClosedAt ?? end)
        : null;
}
