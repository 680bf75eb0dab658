namespace Cuvis.Sandbox.Bench;

/// <summary>What one bench run does, from its command line; the repetitions follow <see cref="Quick"/>.</summary>
internal sealed record BenchSettings
{
    /// <summary>Fewer repetitions, and the slowest rows (plugin builds) left out, to finish in under two minutes.</summary>
    public bool Quick { get; init; }

    public required IReadOnlyList<BenchRows> Rows { get; init; }

    public required string SupervisorAssembly { get; init; }

    /// <summary>The worker the direct baseline starts (the one the supervisor runs, by default).</summary>
    public required string WorkerAssembly { get; init; }

    /// <summary>The repository: tests/plugins/Scaler, the contracts package, tools/bench/kernels.py.</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>The run's private directory: every supervisor's runtime dir, cache and log.</summary>
    public required string WorkDirectory { get; init; }

    public bool Keep { get; init; }

    public required string ReportPath { get; init; }

    public string Python { get; init; } = "/usr/bin/python3";

    /// <summary><c>--Section:Key=value</c> settings passed to every supervisor after the bench's own, so they win.</summary>
    public IReadOnlyList<string> ExtraSupervisorArguments { get; init; } = [];

    /// <summary>Samples of a small call (ListAvailableNodes, tiny Inference) each way.</summary>
    public int SmallCalls => Quick ? 100 : 300;

    /// <summary>
    /// Calls of each small call each way for the client's own cost: a difference of microseconds
    /// between p50s needs more samples than the relay's, and each pair takes only ~3 ms.
    /// </summary>
    public int ClientCalls => Quick ? 400 : 2000;

    /// <summary>128 MiB calls each way for the client's own cost; one is enough for its copy test (the bytes allocated), the time is reported only.</summary>
    public int ClientLargeCalls => Quick ? 1 : LargeCalls;

    /// <summary>CreateSession samples per configuration.</summary>
    public int Spawns => Quick ? 8 : 60;

    /// <summary>CreateSession samples per step of the containment layers (five steps, taken in turn).</summary>
    public int LayerSpawns => Quick ? 5 : 30;

    /// <summary>How long sessions are created and closed in a loop.</summary>
    public TimeSpan SessionLoop => TimeSpan.FromSeconds(Quick ? 3 : 15);

    /// <summary>128 MiB calls each way.</summary>
    public int LargeCalls => Quick ? 2 : 10;

    /// <summary>Calls per kernel on the 1 x 256 x 256 x 128 cube.</summary>
    public int KernelCalls => Quick ? 3 : 15;

    /// <summary>128 MiB calls between the two memory readings.</summary>
    public int MemoryCalls => Quick ? 6 : 50;

    /// <summary>Cached plugin loads into new sessions.</summary>
    public int PluginLoads => Quick ? 10 : 30;

    public int ConcurrentSessions => Quick ? 10 : 50;

    public TimeSpan ConcurrencyDuration => TimeSpan.FromSeconds(Quick ? 4 : 30);

    /// <summary>Longest warm-up of the concurrent sessions, in rounds of calls until their workers' JIT is quiet.</summary>
    public TimeSpan WarmUpTimeout => TimeSpan.FromSeconds(Quick ? 10 : 60);

    /// <summary>The rows <see cref="Quick"/> leaves out, as too slow for two minutes.</summary>
    public static IReadOnlyList<BenchRows> SlowRows { get; } = [BenchRows.Plugins];

    public string ContractsFeed => Path.Combine(RepositoryRoot, "artifacts", "package", new DirectoryInfo(Path.GetDirectoryName(SupervisorAssembly)!).Name);
}
