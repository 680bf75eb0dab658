namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// A started, ready worker: its <see cref="WorkerProcess"/> and the <see cref="WorkerClient"/>
/// that reaches it. Made by <see cref="WorkerFactory"/>; a session holds one at a time and
/// replaces it after a crash.
/// </summary>
internal sealed class Worker(WorkerProcess process, WorkerClient client) : IAsyncDisposable
{
    public WorkerProcess Process { get; } = process;

    public WorkerClient Client { get; } = client;

    /// <summary>The worker's own pid (see <see cref="WorkerProcess.ProcessId"/>).</summary>
    public int ProcessId => Process.ProcessId;

    public WorkerLaunch Launch => Process.Launch;

    public Task<WorkerExit> Exited => Process.Exited;

    public bool HasExited => Process.HasExited;

    /// <summary>Its weight on contended cores; nothing changes for a worker without a cgroup.</summary>
    public void SetCpuShare(Containment.Cgroups.CpuShare share) => Launch.Sandbox.Cgroup?.SetCpuShare(share);

    /// <summary>
    /// Stops the worker along the usual ladder: ask (Shutdown call), close its stdin, wait the
    /// grace period, kill the whole sandbox, wait a bounded time. Removes its directory.
    /// </summary>
    public async Task StopAsync(string reason, CancellationToken cancellationToken)
    {
        Process.MarkStopping();
        if (!HasExited)
        {
            // A worker that cannot take the request is killed by the ladder.
            await Client.ShutdownAsync(reason, cancellationToken);
        }

        await Process.StopAsync();
        Client.Dispose();
    }

    /// <summary>A worker that never became ready: killed at once (<see cref="WorkerProcess.AbortAsync"/>) and released.</summary>
    public async Task AbandonAsync()
    {
        await Process.AbortAsync();
        Client.Dispose();
        await Process.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync("disposed", CancellationToken.None);
        await Process.DisposeAsync();
    }
}
