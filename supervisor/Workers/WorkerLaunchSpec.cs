namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>What a launcher needs to know to start a blank worker (not yet bound to a session).</summary>
/// <param name="WorkerDirectory">The worker's private host directory, owned by the supervisor.</param>
/// <param name="MaxMessageBytes">Largest gRPC message on the supervisor-worker channel.</param>
internal sealed record WorkerLaunchSpec(string WorkerDirectory, int MaxMessageBytes)
{
    /// <summary>
    /// Host directory of the plugins the worker may load (read-only to it). It is the worker's
    /// own and empty at the start, so a worker can be started before its session exists: the
    /// session's staged builds are linked in when it loads them (<see cref="WorkerLaunch.StagePlugin"/>).
    /// </summary>
    public string PluginDirectory => Path.Combine(WorkerDirectory, "plugins");

    /// <summary>Host directory of the socket (writable by the worker).</summary>
    public string SocketDirectory => Path.Combine(WorkerDirectory, "run");

    /// <summary>The socket as the supervisor reaches it.</summary>
    public WorkerEndpoint HostEndpoint => WorkerEndpoint.ForSocketDirectory(SocketDirectory, Path.GetFileName(WorkerDirectory));
}
