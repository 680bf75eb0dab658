using System.ComponentModel.DataAnnotations;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>How worker processes are started, reached and stopped (configuration section <c>Workers</c>).</summary>
internal sealed class WorkerOptions
{
    public const string Section = "Workers";

    /// <summary>
    /// Path of <c>Cuvis.Sandbox.Worker.dll</c>. Default "": found beside the supervisor
    /// (published layout) or in the sibling build output folder (artifacts layout).
    /// </summary>
    public string AssemblyPath { get; set; } = "";

    /// <summary>The <c>dotnet</c> host that runs the worker. Default "": the host running the supervisor.</summary>
    public string DotnetHost { get; set; } = "";

    /// <summary>
    /// An executable started instead of <c>dotnet worker.dll</c>, with the same arguments.
    /// Default "": none. Meant for wrappers and for tests that need a misbehaving worker.
    /// </summary>
    public string Command { get; set; } = "";

    /// <summary>
    /// Where session directories (worker socket, scratch files) live. Default "":
    /// <c>$XDG_RUNTIME_DIR/cuvis-sandbox</c>, else <c>/tmp/cuvis-sandbox-$USER</c>. Must be short:
    /// a Unix socket path is limited to 108 bytes.
    /// </summary>
    public string RuntimeDirectory { get; set; } = "";

    /// <summary>Time a new worker has to print its ready line and answer Initialize. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deadline of control calls (initialise, health, shutdown). Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ControlCallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Deadline of a forwarded session call whose RPC has no entry in <see cref="CallTimeouts"/>,
    /// when the client sets none (or a later one). Default 2 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "24:00:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Deadlines per forwarded RPC (<c>Workers:CallTimeouts:Inference</c>, ...), each overriding
    /// <see cref="CallTimeout"/>; the client's own deadline still wins when it is earlier. The keys
    /// are <see cref="ForwardedRpcs"/>. Default: Inference 10 min.
    /// </summary>
    public Dictionary<string, TimeSpan> CallTimeouts { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Inference"] = TimeSpan.FromMinutes(10),
    };

    /// <summary>
    /// After a forwarded call's deadline or cancellation, how long the worker has to let go of it.
    /// A worker still running the call then (a node ignoring its CancellationToken) is killed and
    /// the session recovers. Default 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan OverrunGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The RPCs the supervisor forwards to a worker, by the names <see cref="CallTimeouts"/> uses.</summary>
    public static readonly IReadOnlyList<string> ForwardedRpcs =
        ["LoadPlugin", "LoadPipeline", "ListAvailableNodes", "GetPipelineInputs", "GetPipelineOutputs", "Inference", "GetParameterSchema"];

    /// <summary>The limit a forwarded call of <paramref name="method"/> gets, and the setting it comes from.</summary>
    public (TimeSpan Limit, string Setting) CallTimeoutFor(string method) =>
        CallTimeouts.TryGetValue(method, out var limit)
            ? (limit, $"Workers:CallTimeouts:{method}")
            : (CallTimeout, "Workers:CallTimeout");

    /// <summary>After a shutdown request, time a worker has to exit before it is killed. Default 3 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Lines of a worker's stdout and stderr kept for error messages. Default 40.</summary>
    [Range(1, 10_000)]
    public int OutputTailLines { get; set; } = 40;

    /// <summary>
    /// Output lines (stdout and stderr together) one worker may have re-logged at once before
    /// <see cref="OutputLogLinesPerSecond"/> applies: a plugin that floods its output must not
    /// flood the supervisor's log. Default 200.
    /// </summary>
    [Range(1, 1_000_000)]
    public int OutputLogBurstLines { get; set; } = 200;

    /// <summary>
    /// Output lines per second one worker may have re-logged once its burst is spent; the rest is
    /// dropped from the log (not from the tail kept for error messages) and counted. Default 20.
    /// </summary>
    [Range(0.0, 1_000_000.0)]
    public double OutputLogLinesPerSecond { get; set; } = 20;

    /// <summary>
    /// While a worker's output is being dropped from the log, how often one line says how many
    /// lines were left out (also said when logging resumes and when its output ends). Default 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan OutputLogReportInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Bytes per second of one worker's output (stdout and stderr together) the supervisor reads,
    /// after a first second's worth at once; a worker printing faster blocks on its own output
    /// instead of costing the supervisor a core to drain it. 0: read as fast as it comes.
    /// Default 1 MiB.
    /// </summary>
    [Range(0L, long.MaxValue)]
    public long OutputBytesPerSecond { get; set; } = 1024 * 1024;

    /// <summary>
    /// Blank workers kept started, ready and warmed up (contained like any other), so CreateSession
    /// and a crashed session's recovery bind one at once instead of starting one. Refilled in the
    /// background; a pooled worker serves one session and is never returned to the pool. Pooled
    /// workers count against Sessions:MaxSessions. Default 2; 0 turns the pool off.
    /// </summary>
    [Range(0, 1000)]
    public int PoolSize { get; set; } = 2;

    /// <summary>
    /// The CPU pressure, in percent, at which the machine counts as busy: Linux's
    /// /proc/pressure/cpu "some avg10" (the share of the last 10 s in which some task waited for a
    /// CPU), or where that is missing the 1-minute load average per core. While busy, the pool
    /// starts at most one worker per <see cref="PoolBusySpawnInterval"/>, so refilling it cannot
    /// starve live sessions. Default 50.
    /// </summary>
    [Range(0.0, 100.0)]
    public double PoolBusyCpuPressure { get; set; } = 50;

    /// <summary>The least time between two pool spawns while the machine is busy. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan PoolBusySpawnInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether a session's calls reach its worker over the worker's call channel (length-prefixed
    /// frames on Unix sockets, <c>calls.sock</c>) rather than HTTP/2: the same calls, statuses,
    /// deadlines and cancellation, with fewer thread hops and less supervisor CPU per call. Control
    /// calls (Initialize, Health, Shutdown) always use gRPC, and so does every call where the
    /// worker's endpoint is a named pipe (Windows). Default true; false keeps every call on gRPC.
    /// </summary>
    public bool CallChannel { get; set; } = true;

    /// <summary>
    /// Inference requests of at least this many bytes travel to the worker through one of the
    /// session's shared-memory arenas (Linux memfds, passed over the worker's descriptor channel)
    /// instead of the gRPC channel, and their answers come back the same way: the supervisor
    /// copies the request's bytes once, without parsing them, and the answer's bytes once, into
    /// the public response. Smaller requests are parsed and forwarded over the channel, as every
    /// request is elsewhere than Linux. Default 256 KiB; 0 sends every Inference through shared memory.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int SharedMemoryThresholdBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Request and answer bytes of an Inference from which its worker gives the call's memory back
    /// to the OS once it has been quiet for <see cref="ReleaseMemoryQuietPeriod"/>: one aggressive,
    /// compacting collection (tens of ms on two shared cores). Without it a worker's RSS rose from
    /// 456 MiB after one 128 MiB call to a ~970 MiB plateau, garbage the GC kept room for. Default
    /// 64 MiB; 0 never collects.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long ReleaseMemoryAfterBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// How long a worker must run no Inference after a large one before it gives the memory back
    /// (<see cref="ReleaseMemoryAfterBytes"/>). The next large call faults that memory in again,
    /// so this is longer than the gap between a client's calls in a burst: with 1 s, 128 MiB calls
    /// a second apart took 1.22-1.53x the direct call. Default 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ReleaseMemoryQuietPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a session's shared-memory arena may lie unused before it is released (an arena is
    /// reused by the session's next large calls, so it holds the memory of its largest request
    /// and answer meanwhile). All are released when the session closes. Default 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SharedMemoryIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra environment variables for every worker (e.g. <c>DOTNET_GCHeapHardLimit</c>). Default none.</summary>
    public Dictionary<string, string> Environment { get; set; } = [];
}
