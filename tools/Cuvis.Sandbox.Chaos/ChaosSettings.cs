using System.Globalization;

namespace Cuvis.Sandbox.Chaos;

/// <summary>What one chaos run does, from its command line.</summary>
internal sealed record ChaosSettings
{
    /// <summary>Concurrent sessions (lanes); each opens, uses and closes sessions one after another.</summary>
    public int Sessions { get; init; } = 8;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    public int Seed { get; init; }

    /// <summary>Mean rate of injected faults over the whole run (their gaps are exponential).</summary>
    public double FaultsPerMinute { get; init; } = 30;

    public IReadOnlyList<FaultKind> Faults { get; init; } = FaultKinds.All;

    /// <summary>Deadline of every workload call: long enough to wait out a recovery's backoff.</summary>
    public TimeSpan CallDeadline { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The per-worker memory limit the OOM fault runs into.</summary>
    public long MemoryLimitBytes { get; init; } = 256L << 20;

    public required string SupervisorAssembly { get; init; }

    /// <summary>ChaosKit's sources (tools/ChaosKit), loaded as a local plugin.</summary>
    public required string PluginDirectory { get; init; }

    /// <summary>The run's private directory: runtime directory, supervisor log, plugin cache unless given.</summary>
    public required string WorkDirectory { get; init; }

    public string? CacheDirectory { get; init; }

    /// <summary>Keep <see cref="WorkDirectory"/> after a run that passed (one that failed always keeps it).</summary>
    public bool Keep { get; init; }

    /// <summary>Also write the table (markdown) to this file.</summary>
    public string? ReportPath { get; init; }

    /// <summary><c>--Section:Key=value</c> settings passed to the supervisor after the run's own, so they win.</summary>
    public IReadOnlyList<string> ExtraSupervisorArguments { get; init; } = [];

    public IEnumerable<string> SupervisorArguments(string runtimeDirectory) =>
    [
        SupervisorAssembly,
        "--port", "0",
        "--runtime-dir", runtimeDirectory,
        "--Plugins:CacheDirectory=" + (CacheDirectory ?? Path.Combine(WorkDirectory, "cache")),
        "--Containment:MemoryLimitBytes=" + MemoryLimitBytes.ToString(CultureInfo.InvariantCulture),
        // A stopped worker is killed this long after the call it holds passes its deadline.
        "--Workers:OverrunGracePeriod=00:00:01",
        "--Sessions:MaxSessions=" + (Sessions + 4).ToString(CultureInfo.InvariantCulture),
        // Pooled workers would count as leftovers after the last close; --Workers:PoolSize=N turns it on.
        "--Workers:PoolSize=0",
        // Every Inference through shared memory, so kills land in the middle of its files' lives.
        "--Workers:SharedMemoryThresholdBytes=0",
        .. ExtraSupervisorArguments,
    ];

    public string Describe() =>
        $"{Sessions} sessions, {Duration.TotalSeconds:0} s, seed {Seed}, ~{FaultsPerMinute:0.#} faults/min "
        + $"({string.Join(", ", Faults.Select(f => f.Label()))}), call deadline {CallDeadline.TotalSeconds:0} s, "
        + $"worker memory limit {MemoryLimitBytes >> 20} MiB";
}
