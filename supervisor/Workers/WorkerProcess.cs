using Cuvis.Sandbox.Protos.Worker.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// One running worker process: its output, its exit, and the gRPC client that reaches it.
/// Created and made ready by <see cref="WorkerFactory"/>; stopped with <see cref="StopAsync"/>.
/// </summary>
internal sealed partial class WorkerProcess : IAsyncDisposable
{
    // How long a failed call waits for the worker's exit to be observed.
    private static readonly TimeSpan ExitObservationWindow = TimeSpan.FromSeconds(2);

    private readonly WorkerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly RuntimeDirectory _runtimeDirectory;
    private readonly OutputTail _stdout;
    private readonly OutputTail _stderr;
    private readonly TaskCompletionSource<WorkerHandshake> _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closeStandardInput = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _kill = new();
    private readonly TaskCompletionSource<WorkerExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private GrpcChannel? _channel;
    private SandboxWorker.SandboxWorkerClient? _client;
    private volatile bool _stopping;

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
    }

    /// <summary>The session this worker serves; "(unbound)" until <see cref="BindAsync"/>.</summary>
    public string SessionId { get; private set; } = "(unbound)";

    /// <summary>The command, sandbox and paths this worker was started with.</summary>
    public WorkerLaunch Launch { get; }

    public WorkerEndpoint Endpoint => Launch.HostEndpoint;

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

    /// <summary>
    /// Forwards one call to the worker with a deadline no later than <see cref="WorkerOptions.CallTimeout"/>
    /// and the client's own. The worker's own status codes pass through unchanged; a dead
    /// worker becomes <see cref="WorkerUnavailableException"/>, a missed deadline
    /// <see cref="WorkerCallTimeoutException"/>.
    /// </summary>
    public async Task<TResponse> CallAsync<TResponse>(
        string method,
        Func<SandboxWorker.SandboxWorkerClient, CallOptions, AsyncUnaryCall<TResponse>> call,
        DateTime clientDeadline,
        CancellationToken cancellationToken)
    {
        ThrowIfGone();
        var deadline = _timeProvider.GetUtcNow().UtcDateTime + _options.CallTimeout;
        if (clientDeadline < deadline)
        {
            deadline = clientDeadline;
        }

        try
        {
            return await call(_client!, new CallOptions(deadline: deadline, cancellationToken: cancellationToken));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded && !cancellationToken.IsCancellationRequested)
        {
            throw new WorkerCallTimeoutException(
                $"{method} in session {SessionId} did not finish before its deadline "
                + $"(at most {_options.CallTimeout.TotalSeconds:0.#} s, Workers:CallTimeout, or the client's deadline).", e);
        }
        catch (RpcException e) when (IsTransportFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            // A call that failed because the worker died usually fails a moment before the exit
            // is observed; wait for it so the error names the exit, not the socket.
            await Task.WhenAny(Exited, Task.Delay(ExitObservationWindow, _timeProvider, CancellationToken.None));
            ThrowIfGone();
            throw new WorkerUnavailableException(
                $"The worker of session {SessionId} (pid {ProcessId}) cannot be reached: {e.Status.Detail}", e);
        }
    }

    /// <summary>
    /// True when the client itself produced the status (connection refused or reset, a broken
    /// stream), as opposed to a status the worker answered with, such as a node's INTERNAL.
    /// </summary>
    private static bool IsTransportFailure(RpcException e) =>
        e.Status.DebugException is not null || e.StatusCode == StatusCode.Unavailable;

    private void ThrowIfGone()
    {
        if (_exited.Task is { IsCompletedSuccessfully: true, Result: { } exit })
        {
            throw new WorkerUnavailableException(
                $"The worker of session {SessionId} (pid {ProcessId}) is gone: it {exit.Describe()}. "
                + $"Last lines of its stderr:\n{_stderr.Format()}\n"
                + "The session's plugins and pipeline are lost; close it and create a new session.");
        }

        if (_stopping)
        {
            throw new WorkerUnavailableException($"Session {SessionId} is closing.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync("disposed", CancellationToken.None);
        _kill.Dispose();
    }
}
