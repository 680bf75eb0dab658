using System.Security.Cryptography;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// One worker as an operating-system process: started on the spawn thread inside its sandbox,
/// its output read line by line (the first stdout line is the ready line), its exit observed at
/// once, and stopped along the ladder: close stdin, wait the grace period, kill the whole
/// sandbox, wait a bounded time. What runs over its socket is <see cref="WorkerClient"/>'s job.
/// </summary>
internal sealed partial class WorkerProcess : IAsyncDisposable
{
    // How long the exit code may take to arrive after the exit itself was seen.
    private static readonly TimeSpan ExitCodeWindow = TimeSpan.FromSeconds(2);

    private readonly WorkerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly RuntimeDirectory _runtimeDirectory;
    private readonly OutputTail _stdout;
    private readonly OutputTail _stderr;
    private readonly OutputLogLimiter _logLimiter;
    private readonly OutputPacer _pacer;
    private readonly TaskCompletionSource<WorkerHandshake> _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closeStandardInput = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _kill = new();
    private readonly TaskCompletionSource<WorkerExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;
    private volatile string? _killedFor;
    private int _stopped;

    public WorkerProcess(
        WorkerLaunch launch,
        WorkerOptions options,
        RuntimeDirectory runtimeDirectory,
        TimeProvider timeProvider,
        ILogger logger)
    {
        Launch = launch;
        _options = options;
        _runtimeDirectory = runtimeDirectory;
        _timeProvider = timeProvider;
        _logger = logger;
        _stdout = new OutputTail(options.OutputTailLines);
        _stderr = new OutputTail(options.OutputTailLines);
        _logLimiter = new OutputLogLimiter(
            options.OutputLogBurstLines, options.OutputLogLinesPerSecond, options.OutputLogReportInterval, timeProvider);
        _pacer = new OutputPacer(options.OutputBytesPerSecond, timeProvider);
    }

    /// <summary>The session this worker serves, for log lines; "(unbound)" until it is bound.</summary>
    public string SessionId { get; set; } = "(unbound)";

    /// <summary>The command, sandbox and paths this worker was started with.</summary>
    public WorkerLaunch Launch { get; }

    public WorkerEndpoint Endpoint => Launch.HostEndpoint;

    /// <summary>The per-worker secret: the first line of its stdin, and a header on every call.</summary>
    public string Token { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The worker's own pid as this supervisor sees it. Until the worker listens (and always on
    /// systems without peer credentials), the pid of the process the supervisor started, which
    /// under containment is the outermost sandbox layer.
    /// </summary>
    public int ProcessId { get; private set; }

    /// <summary>The pid of the process the supervisor started (the outermost sandbox layer under containment).</summary>
    public int LauncherProcessId { get; private set; }

    /// <summary>Completes when the process has exited, however that happened.</summary>
    public Task<WorkerExit> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>The last lines of its stderr, for error messages.</summary>
    public string StandardErrorTail => _stderr.Format();

    /// <summary>The last lines of its stdout, for error messages.</summary>
    public string StandardOutputTail => _stdout.Format();

    /// <summary>Marks the coming exit as asked for (a close or shutdown), so it is not taken for a crash.</summary>
    public void MarkStopping() => _stopping = true;

    /// <summary>Kills the worker's whole sandbox now, recording why; its exit then reads as a crash with that reason.</summary>
    public async Task KillAsync(string reason)
    {
        _killedFor ??= reason;
        Log.KillingHung(_logger, SessionId, ProcessId, reason);
        await _kill.CancelAsync();
        // bwrap passes the kill on; the cgroup catches whatever a plugin started meanwhile.
        await Launch.Sandbox.KillAllAsync();
    }

    /// <summary>
    /// Kills a worker that failed to start, without the grace period: it holds no session state
    /// worth a graceful shutdown, and one that printed garbage or missed its deadline is not
    /// trusted to take one. Then releases it as <see cref="StopAsync"/> does.
    /// </summary>
    public async Task AbortAsync()
    {
        _stopping = true;
        await _kill.CancelAsync();
        await Launch.Sandbox.KillAllAsync();
        await StopAsync();
    }

    /// <summary>
    /// Closes stdin, waits the grace period, kills the whole tree, waits a bounded time; then
    /// releases the sandbox and removes the worker's directory. Safe to call more than once.
    /// </summary>
    public async Task StopAsync()
    {
        _stopping = true;
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            await Exited;
            return;
        }

        _closeStandardInput.TrySetResult();
        await Task.WhenAny(Exited, Task.Delay(_options.ShutdownGracePeriod, _timeProvider, CancellationToken.None));
        if (!HasExited)
        {
            Log.Killing(_logger, SessionId, ProcessId, _options.ShutdownGracePeriod.TotalSeconds);
            await _kill.CancelAsync();
            await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(5), _timeProvider, CancellationToken.None));
        }

        await Launch.Sandbox.DisposeAsync();
        _runtimeDirectory.RemoveDirectory(Launch.Spec.WorkerDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _kill.Dispose();
    }
}
