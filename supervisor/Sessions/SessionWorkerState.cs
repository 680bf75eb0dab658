namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>Where a <see cref="SessionWorker"/> stands.</summary>
internal enum SessionWorkerState
{
    /// <summary>Its worker runs and takes calls.</summary>
    Running,

    /// <summary>Its worker died and a fresh one is being started and replayed; calls wait for it.</summary>
    Recovering,

    /// <summary>Its restart budget is spent: it answers FAILED_PRECONDITION until it is closed.</summary>
    Failed,
}
