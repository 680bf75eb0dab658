namespace Cuvis.Sandbox.Bench;

/// <summary>
/// What the row groups of one run share: the settings, the progress writer, and the supervisor
/// and direct worker most rows measure against, started when first needed and stopped at the end.
/// </summary>
internal sealed class BenchContext(BenchSettings settings, TextWriter progress) : IAsyncDisposable
{
    /// <summary>The settings of the shared supervisor: cold spawns, every layer of containment.</summary>
    public static readonly string[] DefaultSupervisorSettings = ["--Workers:PoolSize=0"];

    private BenchSupervisor? _supervisor;
    private DirectWorker? _direct;

    public BenchSettings Settings { get; } = settings;

    public TextWriter Progress { get; } = progress;

    public async Task<BenchSupervisor> SupervisorAsync()
    {
        if (_supervisor is null)
        {
            _supervisor = await BenchSupervisor.StartAsync(Settings, "default", DefaultSupervisorSettings);
            Progress.WriteLine($"Supervisor pid {_supervisor.ProcessId} ({string.Join(' ', DefaultSupervisorSettings)}); log {_supervisor.LogPath}");
        }

        return _supervisor;
    }

    public async Task<DirectWorker> DirectWorkerAsync()
    {
        if (_direct is null)
        {
            _direct = await DirectWorker.StartAsync(Settings);
            Progress.WriteLine($"Direct worker pid {_direct.ProcessId} (uncontained, on a Unix socket)");
        }

        return _direct;
    }

    public async ValueTask DisposeAsync()
    {
        if (_direct is not null)
        {
            await _direct.DisposeAsync();
        }

        if (_supervisor is not null)
        {
            await _supervisor.DisposeAsync();
        }
    }
}
