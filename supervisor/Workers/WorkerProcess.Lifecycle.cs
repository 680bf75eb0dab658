using System.Diagnostics;
using CliWrap;
using Cuvis.Sandbox.Protos;

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
                await stdin.WriteAsync(System.Text.Encoding.ASCII.GetBytes(Token + "\n"), cancellationToken);
                await stdin.FlushAsync(cancellationToken);
                await _closeStandardInput.Task.WaitAsync(cancellationToken);
            }))
            // One pace for both streams: a flood on either blocks the worker, not the supervisor.
            .WithStandardOutputPipe(BoundedLines.Target(OnStandardOutput, _pacer.PaceAsync))
            .WithStandardErrorPipe(BoundedLines.Target(OnStandardError, _pacer.PaceAsync));

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

    /// <summary>Waits for the ready line and checks it against what the worker was asked to do.</summary>
    public async Task<WorkerHandshake> WaitForHandshakeAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAny(_handshake.Task, Exited).WaitAsync(cancellationToken);
        if (!_handshake.Task.IsCompletedSuccessfully && !_handshake.Task.IsFaulted)
        {
            var exit = await Exited;
            throw new WorkerStartException(
                $"The worker for a new session {exit.Describe()} before it was ready. "
                + $"Last lines of its stderr:\n{_stderr.Format()}");
        }

        var handshake = await _handshake.Task;
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

        return handshake;
    }

    /// <summary>Learns the worker's real pid from the socket and checks it is served by the sandbox's uid.</summary>
    public async Task IdentifyPeerAsync(CancellationToken cancellationToken)
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
                var piped = await Task.WhenAny(task.Task, Task.Delay(ExitCodeWindow, _timeProvider, CancellationToken.None));
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

        var expected = _stopping && _killedFor is null;
        var exit = new WorkerExit(exitCode, expected, OutOfMemory: !expected && Launch.Sandbox.WasOomKilled, KilledFor: _killedFor);
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

        // All output is read now: say what the log left out since the last report.
        ReportSuppressed(_logLimiter.TakeSuppressed());
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

        if (Admit())
        {
            Log.StandardOutput(_logger, SessionId, ProcessId, line);
        }
    }

    private void OnStandardError(string line)
    {
        _stderr.Add(line);
        if (Admit())
        {
            Log.StandardError(_logger, SessionId, ProcessId, line);
        }
    }

    // The tails above keep every line; only the log is rate-limited (Workers:OutputLog*).
    private bool Admit()
    {
        var admission = _logLimiter.Admit();
        ReportSuppressed(admission.Suppressed);
        return admission.Log;
    }

    private void ReportSuppressed(long suppressed)
    {
        if (suppressed > 0)
        {
            Log.OutputSuppressed(_logger, SessionId, ProcessId, suppressed, _options.OutputLogBurstLines, _options.OutputLogLinesPerSecond);
        }
    }
}
