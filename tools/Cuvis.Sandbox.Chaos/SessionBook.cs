namespace Cuvis.Sandbox.Chaos;

/// <summary>
/// Every session of the run and the faults injected into it, fed from two sides: the lanes (a
/// session opened, is closing, closed) and the supervisor's log (a worker is ready, exited,
/// recovered; a session failed). The injector picks its victims here.
/// </summary>
internal sealed class SessionBook(RunClock clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SessionState> _sessions = new(StringComparer.Ordinal);
    private readonly List<string> _unexpectedExits = [];

    /// <summary>Worker exits no fault explains and no close asked for.</summary>
    public IReadOnlyList<string> UnexpectedExits
    {
        get
        {
            lock (_lock)
            {
                return [.. _unexpectedExits];
            }
        }
    }

    public IReadOnlyList<Fault> Faults()
    {
        lock (_lock)
        {
            return [.. _sessions.Values.SelectMany(s => s.Faults)];
        }
    }

    public IReadOnlyList<SessionState> Sessions()
    {
        lock (_lock)
        {
            return [.. _sessions.Values];
        }
    }

    public void Opened(string sessionId)
    {
        lock (_lock)
        {
            Get(sessionId).InWorkload = true;
        }
    }

    public void SaboteurLoaded(string sessionId)
    {
        lock (_lock)
        {
            Get(sessionId).HasSaboteur = true;
        }
    }

    public void Closing(string sessionId)
    {
        lock (_lock)
        {
            Get(sessionId).Closing = true;
        }
    }

    public void Closed(string sessionId)
    {
        lock (_lock)
        {
            var state = Get(sessionId);
            if (state.OpenFault is { } fault)
            {
                fault.ClosedAt = clock.Now;
                state.OpenFault = null;
            }

            if (state.PendingCallFault is { } pending)
            {
                pending.NotInjected = "the session closed before its next call";
                state.PendingCallFault = null;
            }

            state.WorkerPid = null;
        }
    }

    public void WorkerReady(string sessionId, int processId)
    {
        lock (_lock)
        {
            Get(sessionId).WorkerPid = processId;
        }
    }

    public void WorkerExited(string sessionId, int processId, string how)
    {
        lock (_lock)
        {
            var state = Get(sessionId);
            if (state.WorkerPid == processId)
            {
                state.WorkerPid = null;
            }

            if (state.Faults.LastOrDefault(f => f.ProcessId == processId) is { } fault)
            {
                fault.NoticedAt ??= clock.Now;
            }
            else if (state.InWorkload && !state.Closing)
            {
                _unexpectedExits.Add($"{clock}: session {sessionId}, worker pid {processId} {how}");
            }
        }
    }

    public void Recovered(string sessionId, int processId)
    {
        lock (_lock)
        {
            var state = Get(sessionId);
            state.WorkerPid = processId;
            if (state.OpenFault is { } fault)
            {
                fault.RecoveredAt = clock.Now;
                state.OpenFault = null;
            }
        }
    }

    public void Failed(string sessionId)
    {
        lock (_lock)
        {
            var state = Get(sessionId);
            state.FailedAt ??= clock.Now;
            state.WorkerPid = null;
            if (state.OpenFault is { } fault)
            {
                fault.FailedAt = clock.Now;
                state.OpenFault = null;
            }
        }
    }

    /// <summary>
    /// Picks a session of the workload whose worker is up with no fault in progress, opens a
    /// fault of <paramref name="kind"/> on it and returns it; null when no session qualifies.
    /// A fault a call carries is only opened on a session that runs the Saboteur node, and waits for its lane.
    /// </summary>
    public Fault? Open(FaultKind kind, Random random)
    {
        lock (_lock)
        {
            var candidates = _sessions.Values
                .Where(s => s.InWorkload && !s.Closing && s.FailedAt is null && s.OpenFault is null && s.PendingCallFault is null
                            && s.WorkerPid is not null && (!kind.IsCarriedByCall() || s.HasSaboteur))
                .ToArray();
            if (candidates.Length == 0)
            {
                return null;
            }

            var victim = candidates[random.Next(candidates.Length)];
            var fault = new Fault(kind, victim.Id, victim.WorkerPid!.Value);
            victim.Faults.Add(fault);
            victim.OpenFault = fault;
            if (kind.IsCarriedByCall())
            {
                victim.PendingCallFault = fault;
            }
            else
            {
                fault.InjectedAt = clock.Now;
            }

            return fault;
        }
    }

    /// <summary>The lane's side of a fault a call carries: takes the pending one, if any, as its next call starts.</summary>
    public Fault? TakeCallFault(string sessionId)
    {
        lock (_lock)
        {
            var state = Get(sessionId);
            if (state.PendingCallFault is not { } fault)
            {
                return null;
            }

            state.PendingCallFault = null;
            fault.InjectedAt = clock.Now;
            return fault;
        }
    }

    /// <summary>A signal could not be delivered (the worker had already gone): the fault never happened.</summary>
    public void NotInjected(Fault fault, string reason)
    {
        lock (_lock)
        {
            fault.NotInjected = reason;
            fault.InjectedAt = null;
            var state = Get(fault.SessionId);
            if (state.OpenFault == fault)
            {
                state.OpenFault = null;
            }
        }
    }

    private SessionState Get(string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var state))
        {
            state = new SessionState(sessionId);
            _sessions.Add(sessionId, state);
        }

        return state;
    }
}
