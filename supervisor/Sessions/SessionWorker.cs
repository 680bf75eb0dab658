using Cuvis.Sandbox.Supervisor.Diagnostics;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>
/// The worker a session runs on, replaced when it dies. A crash (exit, kill, out of memory) is
/// seen from the exit itself; the call in flight fails with UNAVAILABLE naming the cause and is
/// never retried. Recovery starts at once: a fresh contained worker is started and the session
/// replays into it (<see cref="Session.ReplayAsync"/>), within the <see cref="RestartPolicy"/>'s
/// budget. Calls that arrive meanwhile wait for it within their deadline. When the budget is
/// spent the session is failed, and answers FAILED_PRECONDITION until it is closed.
/// </summary>
/// <remarks>
/// A call that ends by its deadline or cancellation is watched for a grace period: if the worker
/// still runs it then (a node ignoring its CancellationToken), or no longer answers at all, the
/// worker is killed and recovered like after a crash. A worker is never killed for a health check
/// alone: only a call that overran gets it checked.
/// </remarks>
// _closing has no timer and is never disposed: a call ending after the close may still start
// its overrun watch, which reads the token (and finds it cancelled).
#pragma warning disable CA1001 // Types that own disposable fields should be disposable
internal sealed partial class SessionWorker
#pragma warning restore CA1001
{
    // How long a failed call waits for the worker's exit to be observed, so its error names the exit.
    private static readonly TimeSpan ExitObservationWindow = TimeSpan.FromSeconds(1);

    private readonly string _sessionId;
    private readonly Func<CancellationToken, Task<Worker>> _start;
    private readonly Func<Worker, CancellationToken, Task> _replay;
    private readonly RestartPolicy _restarts;
    private readonly SessionOptions _sessionOptions;
    private readonly WorkerOptions _options;
    private readonly SandboxMetrics _metrics;
    private readonly IncidentLog _incidents;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _closing = new();
    private Worker? _current;
    private Task? _recovery;
    private string? _failure;
    private long _lastCallId;

    public SessionWorker(
        string sessionId,
        Func<CancellationToken, Task<Worker>> start,
        Func<Worker, CancellationToken, Task> replay,
        SessionOptions sessionOptions,
        WorkerOptions options,
        SandboxMetrics metrics,
        IncidentLog incidents,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _sessionId = sessionId;
        _start = start;
        _replay = replay;
        _sessionOptions = sessionOptions;
        _options = options;
        _metrics = metrics;
        _incidents = incidents;
        _timeProvider = timeProvider;
        _logger = logger;
        _restarts = new RestartPolicy(sessionOptions, timeProvider);
    }

    /// <summary>The client of the worker now (it changes with every recovery); null before the first.</summary>
    public WorkerClient? CurrentClient => Volatile.Read(ref _current)?.Client;

    /// <summary>The worker's pid now (it changes with every recovery).</summary>
    public int ProcessId => _current?.ProcessId ?? 0;

    /// <summary>Restarts of the budget used within its window now.</summary>
    public int RestartsUsed => _restarts.Used;

    /// <summary>Whether the session's worker runs, is being replaced, or will not be again.</summary>
    public SessionWorkerState State
    {
        get
        {
            lock (_gate)
            {
                return _failure is not null ? SessionWorkerState.Failed
                    : _recovery is not null ? SessionWorkerState.Recovering
                    : SessionWorkerState.Running;
            }
        }
    }

    /// <summary>Starts the session's first worker.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var worker = await _start(cancellationToken);
        lock (_gate)
        {
            _current = worker;
        }

        Watch(worker);
    }

    /// <summary>
    /// Forwards one call: waits for a recovery in progress, sends the call with the earlier of the
    /// client's deadline and the RPC's limit, and turns a dead worker into an error naming its exit.
    /// </summary>
    public async Task<T> CallAsync<T>(
        string method, Func<Worker, WorkerCall, Task<T>> call, DateTime clientDeadline, CancellationToken cancellationToken)
    {
        var (deadline, source) = Deadline(method, clientDeadline);
        var worker = await ReadyWorkerAsync(method, deadline, source, cancellationToken);
        var workerCall = new WorkerCall(Interlocked.Increment(ref _lastCallId), method, deadline, source, cancellationToken);
        try
        {
            return await call(worker, workerCall);
        }
        catch (WorkerUnavailableException e)
        {
            await Task.WhenAny(worker.Exited, Task.Delay(ExitObservationWindow, _timeProvider, CancellationToken.None));
            throw Unavailable(worker, e);
        }
        catch (WorkerCallTimeoutException e)
        {
            _ = WatchOverrunAsync(worker, workerCall);
            throw new WorkerCallTimeoutException(
                $"{method} in session {_sessionId} did not finish before its deadline ({source}). A worker still running it "
                + $"{_options.OverrunGracePeriod.TotalSeconds:0.#} s later (Workers:OverrunGracePeriod) is killed, and the session recovers.", e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _ = WatchOverrunAsync(worker, workerCall);
            throw;
        }
    }

    /// <summary>A call for replaying state into a fresh worker: its own RPC limit, cancelled when the session closes.</summary>
    public WorkerCall ReplayCall(string method)
    {
        var (deadline, source) = Deadline(method, DateTime.MaxValue);
        return new WorkerCall(Interlocked.Increment(ref _lastCallId), method, deadline, source, _closing.Token);
    }

    /// <summary>
    /// Runs <paramref name="record"/> under the session's lock if <paramref name="worker"/> is still
    /// the session's live worker: state a worker accepted is recorded only if that worker is the
    /// one a later recovery replays from. False when it crashed meanwhile.
    /// </summary>
    public bool RecordIfCurrent(Worker worker, Action record)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(worker, _current) || _recovery is not null || _failure is not null || worker.HasExited)
            {
                return false;
            }

            record();
            return true;
        }
    }

    /// <summary>Throws <see cref="SessionFailedException"/> when the restart budget is spent.</summary>
    public void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new SessionFailedException(failure);
        }
    }

    /// <summary>Stops recovery and the current worker; calls from then on are refused.</summary>
    public async Task StopAsync(string reason, CancellationToken cancellationToken)
    {
        await _closing.CancelAsync();
        Task? recovery;
        lock (_gate)
        {
            recovery = _recovery;
        }

        if (recovery is not null)
        {
            await recovery;
        }

        Worker? worker;
        lock (_gate)
        {
            worker = _current;
        }

        if (worker is not null)
        {
            await worker.StopAsync(reason, cancellationToken);
        }
    }

    private (DateTime Deadline, string Source) Deadline(string method, DateTime clientDeadline)
    {
        var (limit, setting) = _options.CallTimeoutFor(method);
        var deadline = _timeProvider.GetUtcNow().UtcDateTime + limit;
        return clientDeadline < deadline
            ? (clientDeadline, "the client's deadline")
            : (deadline, $"at most {limit.TotalSeconds:0.#} s, {setting}");
    }

    private async Task<Worker> ReadyWorkerAsync(string method, DateTime deadline, string source, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task recovery;
            lock (_gate)
            {
                if (_closing.IsCancellationRequested)
                {
                    throw new WorkerUnavailableException($"Session {_sessionId} is closing.");
                }

                ThrowIfFailed();
                if (_recovery is null && _current!.Exited is { IsCompleted: true } exited)
                {
                    BeginRecovery(_current, Cause(_current, exited.Result));
                }

                if (_recovery is null)
                {
                    return _current!;
                }

                recovery = _recovery;
            }

            var remaining = deadline - _timeProvider.GetUtcNow().UtcDateTime;
            try
            {
                await recovery.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _timeProvider, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new WorkerCallTimeoutException(
                    $"{method} in session {_sessionId} waited for the session to recover from a crash until its deadline "
                    + $"({source}) passed; the recovery goes on. Retry the call.");
            }
        }
    }

    private void Watch(Worker worker) =>
        _ = worker.Exited.ContinueWith(exit => OnExited(worker, exit.Result), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void OnExited(Worker worker, WorkerExit exit)
    {
        lock (_gate)
        {
            if (ReferenceEquals(worker, _current) && _recovery is null && _failure is null && !_closing.IsCancellationRequested && !exit.Expected)
            {
                BeginRecovery(worker, Cause(worker, exit));
            }
        }
    }

    private static string Cause(Worker dead, WorkerExit exit) => $"its worker (pid {dead.ProcessId}) {exit.Describe()}";

    // Under _gate. A crash the budget cannot cover fails the session at once, so no call after
    // the crash sees it as anything but failed.
    private void BeginRecovery(Worker dead, string cause)
    {
        _metrics.WorkerCrashed();
        _incidents.Record(_sessionId, IncidentKind.WorkerCrashed, cause);
        if (!_restarts.CanRestart)
        {
            Fail(cause);
            _ = dead.DisposeAsync().AsTask();
            return;
        }

        _recovery = RecoverAsync(dead, cause);
    }

    // Under _gate.
    private void Fail(string lastCause)
    {
        _failure = $"Session {_sessionId} has failed: {lastCause}. Its worker was restarted {_sessionOptions.MaxRestarts} times "
            + $"within {_sessionOptions.RestartWindow.TotalMinutes:0.##} minutes (Sessions:MaxRestarts, Sessions:RestartWindow) "
            + "and is not restarted again. Close it (CloseSession) and create a new session.";
        _metrics.BudgetSpent();
        _incidents.Record(_sessionId, IncidentKind.SessionFailed, $"restart budget spent ({_sessionOptions.MaxRestarts} within {_sessionOptions.RestartWindow.TotalMinutes:0.##} min); last cause: {lastCause}");
        Log.Failed(_logger, _sessionId, lastCause);
    }

    private async Task RecoverAsync(Worker dead, string cause)
    {
        await Task.Yield();
        await dead.DisposeAsync();
        try
        {
            var worker = await _restarts.RestartAsync(cause, async token =>
            {
                var fresh = await _start(token);
                try
                {
                    await _replay(fresh, token);
                    return fresh;
                }
                catch
                {
                    await fresh.DisposeAsync();
                    throw;
                }
            }, (failure, delay) =>
            {
                _metrics.ReplayFailed();
                _incidents.Record(_sessionId, IncidentKind.ReplayFailed, $"{failure.Message} (next attempt in {delay.TotalSeconds:0.#} s)");
                Log.RestartFailed(_logger, _sessionId, failure.Message, delay.TotalSeconds);
            }, _closing.Token);

            lock (_gate)
            {
                _current = worker;
                _recovery = null;
            }

            Watch(worker);
            _metrics.WorkerRecovered();
            _incidents.Record(_sessionId, IncidentKind.Recovered, $"worker pid {worker.ProcessId} took over after {cause}; restart {_restarts.Used} of {_sessionOptions.MaxRestarts}");
            Log.Recovered(_logger, _sessionId, worker.ProcessId, cause, _restarts.Used, _sessionOptions.MaxRestarts);
        }
        catch (RestartBudgetSpentException e)
        {
            if (e.InnerException is not null)
            {
                _metrics.ReplayFailed();
            }

            lock (_gate)
            {
                Fail(e.LastCause);
                _recovery = null;
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            lock (_gate)
            {
                _recovery = null;
            }
        }
    }

    private WorkerUnavailableException Unavailable(Worker worker, WorkerUnavailableException error)
    {
        if (!worker.HasExited)
        {
            return new WorkerUnavailableException(
                $"The worker of session {_sessionId} (pid {worker.ProcessId}) cannot be reached: {error.Message}", error);
        }

        // Settle what the crash means for the session before answering, so the next call finds
        // the recovery begun (or the session failed) whichever continuation runs first.
        OnExited(worker, worker.Exited.Result);
        var next = Volatile.Read(ref _failure) is not null
            ? "Its restart budget is spent (Sessions:MaxRestarts), so the session has failed: close it and create a new one."
            : "The call is not retried, since its input may be the cause. The session recovers by itself: a new worker "
              + "is started and its plugins and pipeline are replayed; the next call waits for that.";
        // What happened and what to do first: a long stderr tail is what a status too long for the
        // client loses at its end.
        return new WorkerUnavailableException(
            $"The worker of session {_sessionId} (pid {worker.ProcessId}) {worker.Exited.Result.Describe()}. {next} "
            + $"Last lines of its stderr:\n{worker.Process.StandardErrorTail}", error);
    }

    private async Task WatchOverrunAsync(Worker worker, WorkerCall call)
    {
        try
        {
            await Task.Delay(_options.OverrunGracePeriod, _timeProvider, _closing.Token);
            if (worker.HasExited)
            {
                return;
            }

            var running = await worker.Client.RunningCallsAsync(_closing.Token);
            if (running is not null && !running.Contains(call.Id))
            {
                return;
            }

            var grace = _options.OverrunGracePeriod.TotalSeconds;
            var reason = running is null
                ? $"{call.Method} overran its deadline and the worker then did not answer a health check within "
                  + $"{_options.ControlCallTimeout.TotalSeconds:0.#} s (Workers:ControlCallTimeout)"
                : $"{call.Method} was still running {grace:0.#} s after its deadline or cancellation "
                  + "(Workers:OverrunGracePeriod): a node that ignores its CancellationToken";
            _metrics.HungCallKilled();
            lock (_gate)
            {
                // Recover from the kill at once: calls from now on wait for the new worker
                // instead of reaching this one before its exit is observed.
                if (ReferenceEquals(worker, _current) && _recovery is null && _failure is null && !_closing.IsCancellationRequested)
                {
                    BeginRecovery(worker, $"its worker (pid {worker.ProcessId}) was killed by the supervisor because {reason}");
                }
            }

            await worker.Process.KillAsync(reason);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2010, LogLevel.Warning, "Session {SessionId}: worker recovered as pid {ProcessId} after {Cause} (restart {Used} of {Max} in the window)")]
        public static partial void Recovered(ILogger logger, string sessionId, int processId, string cause, int used, int max);

        [LoggerMessage(2011, LogLevel.Warning, "Session {SessionId}: restarting its worker failed: {Reason}; retrying in {DelaySeconds} s")]
        public static partial void RestartFailed(ILogger logger, string sessionId, string reason, double delaySeconds);

        [LoggerMessage(2012, LogLevel.Error, "Session {SessionId} failed: its restart budget is spent; last cause: {Cause}")]
        public static partial void Failed(ILogger logger, string sessionId, string cause);
    }
}
