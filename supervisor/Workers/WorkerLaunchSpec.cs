namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>What a launcher needs to know to start a blank worker (not yet bound to a session).</summary>
/// <param name="WorkerDirectory">The worker's private host directory, owned by the supervisor.</param>
/// <param name="PluginDirectory">
/// The session's staged plugins (read-only to the worker). It belongs to the session, not to the
/// worker, so a replacement worker after a crash finds the same builds.
/// </param>
/// <param name="MaxMessageBytes">Largest gRPC message on the supervisor-worker channel.</param>
internal sealed record WorkerLaunchSpec(string WorkerDirectory, string PluginDirectory, int MaxMessageBytes)
{
    /// <summary>Host directory of the socket (writable by the worker).</summary>
    public string SocketDirectory => Path.Combine(WorkerDirectory, "run");

    /// <summary>The socket as the supervisor reaches it.</summary>
    public WorkerEndpoint HostEndpoint => WorkerEndpoint.ForSocketDirectory(SocketDirectory, Path.GetFileName(WorkerDirectory));
}
