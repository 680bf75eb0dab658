namespace Cuvis.Sandbox.Chaos;

/// <summary>What the run knows of one session: its current worker, and the faults it took. Guarded by <see cref="SessionBook"/>'s lock.</summary>
internal sealed class SessionState(string id)
{
    public string Id { get; } = id;

    /// <summary>The pid of the worker serving it now, as the supervisor last logged it ready; null while there is none.</summary>
    public int? WorkerPid { get; set; }

    /// <summary>True once a lane owns it (it answered CreateSession to the workload).</summary>
    public bool InWorkload { get; set; }

    /// <summary>True while its pipeline runs ChaosKit's Saboteur, so a fault can be carried in by a call.</summary>
    public bool HasSaboteur { get; set; }

    /// <summary>The fault injected last, until it resolves.</summary>
    public Fault? OpenFault { get; set; }

    /// <summary>A fault the injector chose that a call carries (OOM, segfault), waiting for the lane's next call.</summary>
    public Fault? PendingCallFault { get; set; }

    public List<Fault> Faults { get; } = [];

    /// <summary>When the supervisor logged it failed after its restart budget.</summary>
    public TimeSpan? FailedAt { get; set; }

    /// <summary>True from the moment its lane sends CloseSession.</summary>
    public bool Closing { get; set; }
}
