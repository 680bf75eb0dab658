namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>What a launcher needs to know to start a blank worker (not yet bound to a session).</summary>
/// <param name="WorkerDirectory">The worker's private host directory, owned by the supervisor.</param>
/// <param name="MaxMessageBytes">Largest gRPC message on the supervisor-worker channel.</param>
internal sealed record WorkerLaunchSpec(string WorkerDirectory, int MaxMessageBytes)
{
    /// <summary>Host directory of the socket (writable by the worker).</summary>
    public string SocketDirectory => Path.Combine(WorkerDirectory, "run");

    /// <summary>Host directory the supervisor stages plugin builds into (read-only to the worker).</summary>
    public string PluginDirectory => Path.Combine(WorkerDirectory, "plugins");

    /// <summary>The socket as the supervisor reaches it.</summary>
    public WorkerEndpoint HostEndpoint => WorkerEndpoint.ForSocketDirectory(SocketDirectory, Path.GetFileName(WorkerDirectory));
}
