using Cuvis.Sandbox.Supervisor.Containment.Cgroups;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>
/// The resources one confined process holds: its uid and its cgroup, and the command that
/// starts it inside them. Disposing kills whatever is still running in the cgroup (a daemon
/// that escaped with setsid included), removes the cgroup and returns the uid.
/// </summary>
internal sealed class Sandbox : IAsyncDisposable
{
    private readonly SandboxUidPool? _uids;
    private int _disposed;

    public Sandbox(WorkerCommand command, int? uid, SandboxCgroup? cgroup, SandboxUidPool? uids)
    {
        Command = command;
        Uid = uid;
        Cgroup = cgroup;
        _uids = uids;
    }

    /// <summary>A plain process: no sandbox, nothing to release.</summary>
    public static Sandbox Plain(WorkerCommand command) => new(command, uid: null, cgroup: null, uids: null);

    public WorkerCommand Command { get; }

    /// <summary>The uid the process runs as, when the uid layer is active.</summary>
    public int? Uid { get; }

    public SandboxCgroup? Cgroup { get; }

    /// <summary>True when the kernel's OOM killer struck inside this sandbox's cgroup.</summary>
    public bool WasOomKilled => Cgroup?.OomKills() > 0;

    /// <summary>Kills every process in the sandbox's cgroup now, without releasing anything.</summary>
    public Task KillAllAsync() => Cgroup?.KillAllAsync() ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (Cgroup is not null)
        {
            await Cgroup.DisposeAsync();
        }

        if (Uid is { } uid)
        {
            _uids?.Return(uid);
        }
    }
}
