using System.Diagnostics;
using CliWrap;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.Worker.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Cuvis.Sandbox.Supervisor.Workers;

internal sealed partial class WorkerProcess
{
    /// <summary>Starts the process on the spawn thread and begins reading its output.</summary>
    public async Task LaunchAsync(ProcessSpawnThread spawnThread)
    {
        var command = Launch.Sandbox.Command;
        var cli = command.ToCli()
            // The first line of stdin is the worker's secret; then stdin stays open until we
            // close it: the worker's end-of-file watch.
            .WithStandardInputPipe(PipeSource.Create(async (stdin, cancellationToken) =>
            {
                await stdin.WriteAsync(System.Text.Encoding.ASCII.GetBytes(_token + "\n"), cancellationToken);
                await stdin.FlushAsync(cancellationToken);
                await _closeStandardInput.Task.WaitAsync(cancellationToken);
            }))
            .WithStandardOutputPipe(BoundedLines.Target(OnStandardOutput))
            .WithStandardErrorPipe(BoundedLines.Target(OnStandardError));

        var (task, process) = await spawnThread.InvokeAsync(() =>
        {
            var started = cli.ExecuteAsync(_kill.Token);
            ProcessId = LauncherProcessId = started.ProcessId;
            // CliWrap's task also waits for the output pipes to close, which a grandchild that
            // inherited them can hold open; the process handle reports the exit itself at once.
            Process? handle = null;
            try
            {
                handle = Process.GetProcessById(started.ProcessId);
            }
            catch (ArgumentException)
            {
                // Already gone; the command task reports the exit code.
            }

            return (started, handle);
        });

        Log.Started(_logger, SessionId, ProcessId, command.FileName);
        _ = MonitorExitAsync(task, process);
    }

    /// <summary>Waits for the ready line, checks it, and connects; the worker is then ready to be bound to a session.</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var timeout = new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddTimeout(_options.StartTimeout)
            .Build();
        try
        {
            await timeout.ExecuteAsync(async token =>
            {
                var handshake = await WaitForHandshakeAsync(token);
                VerifyHandshake(handshake);
                await IdentifyPeerAsync(token);
                _channel = Endpoint.CreateChannel(MaxMessageBytes);
                _client = new SandboxWorker.SandboxWorkerClient(_channel.Intercept(metadata =>
                {
                    metadata.Add(WorkerProtocol.TokenHeader, _token);
                    return metadata;
                }));
                await CheckHealthAsync(token);
            }, cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            throw new WorkerStartException(
                $"The worker for a new session (pid {ProcessId}) did not become ready within "
                + $"{_options.StartTimeout.TotalSeconds:0.#} s (Workers:StartTimeout) and was killed. "
                + $"Last lines of its stdout:\n{_stdout.Format()}\nand stderr:\n{_stderr.Format()}", e);
        }
    }

    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// Stops the worker along the usual ladder: ask (Shutdown call), close its stdin, wait the
    /// grace period, kill the whole process tree, wait a bounded time. Removes its directory.
    /// </summary>
    public async Task StopAsync(string reason, CancellationToken cancellationToken)
    {
        _stopping = true;
        if (!HasExited && _client is not null)
        {
            try
            {
                await _client.ShutdownAsync(new ShutdownRequest { Reason = reason },
                    deadline: _timeProvider.GetUtcNow().UtcDateTime + _options.ControlCallTimeout,
                    cancellationToken: cancellationToken);
            }
            catch (RpcException)
            {
                // A worker that cannot take the request is killed below.
            }
        }

        _closeStandardInput.TrySetResult();
        await Task.WhenAny(Exited, Task.Delay(_options.ShutdownGracePeriod, _timeProvider, CancellationToken.None));
        if (!HasExited)
        {
            Log.Killing(_logger, SessionId, ProcessId, _options.ShutdownGracePeriod.TotalSeconds);
            await _kill.CancelAsync();
            await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(5), _timeProvider, CancellationToken.None));
        }

        _channel?.Dispose();
        await Launch.Sandbox.DisposeAsync();
        _runtimeDirectory.RemoveSessionDirectory(Launch.Spec.WorkerDirectory);
    }

    private async Task<WorkerHandshake> WaitForHandshakeAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAny(_handshake.Task, Exited).WaitAsync(cancellationToken);
        if (_handshake.Task.IsCompletedSuccessfully || _handshake.Task.IsFaulted)
        {
            return await _handshake.Task;
        }

        var exit = await Exited;
        throw new WorkerStartException(
            $"The worker for a new session {exit.Describe()} before it was ready. "
            + $"Last lines of its stderr:\n{_stderr.Format()}");
    }

    private void VerifyHandshake(WorkerHandshake handshake)
    {
        if (handshake.ProtocolVersion != WorkerProtocol.Version)
        {
            throw new WorkerStartException(
                $"The worker speaks protocol version {handshake.ProtocolVersion} but this supervisor speaks "
                + $"{WorkerProtocol.Version}: they come from different builds. Rebuild both (./run.sh) "
                + "or point Workers:AssemblyPath at the worker of this build.");
        }

        // Compared in the worker's own view: inside a sandbox its paths differ from ours.
        if (!string.Equals(handshake.Endpoint, Launch.WorkerEndpointAddress, StringComparison.Ordinal))
        {
            throw new WorkerStartException(
                $"The worker announced endpoint '{handshake.Endpoint}' but was asked to listen on '{Launch.WorkerEndpointAddress}'.");
        }
    }

    /// <summary>Learns the worker's real pid from the socket and checks it is served by the sandbox's uid.</summary>
    private async Task IdentifyPeerAsync(CancellationToken cancellationToken)
    {
        if (Endpoint.SocketPath is not { } socket || await WorkerPeer.IdentifyAsync(socket, cancellationToken) is not { } peer)
        {
            return;
        }

        if (Launch.Sandbox.Uid is { } uid && peer.Uid != (uint)uid)
        {
            throw new WorkerStartException(
                $"The worker socket is served by uid {peer.Uid}, not by the sandbox's uid {uid}; refusing to use it.");
        }

        ProcessId = peer.ProcessId;
        Log.Identified(_logger, LauncherProcessId, peer.ProcessId, peer.Uid);
    }

    /// <summary>Binds the worker to its session (Initialize) and checks it serves.</summary>
    public async Task BindAsync(string sessionId, CancellationToken cancellationToken)
    {
        SessionId = sessionId;
        var response = await _client!.InitializeAsync(
            new InitializeRequest { ProtocolVersion = WorkerProtocol.Version, SessionId = sessionId },
            deadline: _timeProvider.GetUtcNow().UtcDateTime + _options.ControlCallTimeout,
            cancellationToken: cancellationToken);

        if (response.ProtocolVersion != WorkerProtocol.Version)
        {
            throw new WorkerStartException(
                $"The worker answered Initialize with protocol version {response.ProtocolVersion}; "
                + $"this supervisor speaks {WorkerProtocol.Version}. Rebuild both (./run.sh).");
        }

        Log.Ready(_logger, SessionId, ProcessId, response.Runtime);
    }

    private async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        // The socket accepts as soon as the ready line is out; retry only the brief window in
        // which a connection can still be refused.
        var retry = new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.StatusCode == StatusCode.Unavailable && !HasExited),
                MaxRetryAttempts = 5,
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Exponential,
            })
            .Build();
        var health = await retry.ExecuteAsync(async token => await _client!.HealthAsync(new HealthRequest(),
            deadline: _timeProvider.GetUtcNow().UtcDateTime + _options.ControlCallTimeout, cancellationToken: token), cancellationToken);
        if (health.Status != HealthResponse.Types.ServingStatus.Serving)
        {
            throw new WorkerStartException($"The worker reports {health.Status} instead of serving.");
        }
    }

    private async Task MonitorExitAsync(CommandTask<CommandResult> task, Process? process)
    {
        int? exitCode = null;
        try
        {
            if (process is not null)
            {
                // The handle sees the exit at once; only CliWrap's result knows the exit code,
                // and it arrives once the output pipes close. A grandchild that inherited them
                // can hold them open, so wait for that only a short while.
                await process.WaitForExitAsync(CancellationToken.None);
                var piped = await Task.WhenAny(task.Task, Task.Delay(ExitObservationWindow, _timeProvider, CancellationToken.None));
                if (piped == task.Task)
                {
                    exitCode = (await task).ExitCode;
                }
            }
            else
            {
                exitCode = (await task).ExitCode;
            }
        }
        catch (OperationCanceledException)
        {
            exitCode = 128 + 9; // killed by us (SIGKILL)
        }
        finally
        {
            process?.Dispose();
        }

        var exit = new WorkerExit(exitCode, Expected: _stopping, OutOfMemory: !_stopping && Launch.Sandbox.WasOomKilled);
        _exited.TrySetResult(exit);
        _handshake.TrySetCanceled();
        if (exit.Expected)
        {
            Log.Exited(_logger, SessionId, ProcessId, exit.Describe());
        }
        else
        {
            Log.ExitedUnexpectedly(_logger, SessionId, ProcessId, exit.Describe(), _stderr.Format());
        }

        // Stop reading output a process left behind holds open, and let stdin go.
        _closeStandardInput.TrySetResult();
        if (!task.Task.IsCompleted)
        {
            await _kill.CancelAsync();
        }

        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void OnStandardOutput(string line)
    {
        _stdout.Add(line);
        if (!_handshake.Task.IsCompleted && WorkerHandshake.IsHandshakeLine(line))
        {
            if (WorkerHandshake.Parse(line) is { } handshake)
            {
                _handshake.TrySetResult(handshake);
            }
            else
            {
                _handshake.TrySetException(new WorkerStartException($"The worker printed a malformed ready line: '{line}'."));
            }

            return;
        }

        Log.StandardOutput(_logger, SessionId, ProcessId, line);
    }

    private void OnStandardError(string line)
    {
        _stderr.Add(line);
        Log.StandardError(_logger, SessionId, ProcessId, line);
    }
}
