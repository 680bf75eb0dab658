using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Starts a worker for a session and hands it over only once it is ready: launched, its ready
/// line checked, its peer identified, its socket serving, and bound to the session (Initialize).
/// On any failure the process is killed, its sandbox released and its directory removed before
/// the error propagates. A worker starts blank and learns its session only at Initialize, so no
/// session id ever appears on a command line.
/// </summary>
internal sealed partial class WorkerFactory(
    IWorkerLauncher launcher,
    RuntimeDirectory runtimeDirectory,
    ProcessSpawnThread spawnThread,
    IOptions<WorkerOptions> options,
    IOptions<Hosting.ServerOptions> serverOptions,
    Diagnostics.SandboxMetrics metrics,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<WorkerProcess>();

    /// <summary>Starts a worker for <paramref name="sessionId"/> that sees <paramref name="pluginDirectory"/> (read-only) as its staged plugins.</summary>
    public async Task<Worker> StartAsync(string sessionId, string pluginDirectory, CancellationToken cancellationToken)
    {
        var directory = runtimeDirectory.CreateWorkerDirectory();
        var maxMessageBytes = serverOptions.Value.MaxMessageBytes;
        WorkerLaunch launch;
        try
        {
            launch = await launcher.PrepareAsync(new WorkerLaunchSpec(directory, pluginDirectory, maxMessageBytes));
        }
        catch
        {
            runtimeDirectory.RemoveDirectory(directory);
            throw;
        }

        var process = new WorkerProcess(launch, options.Value, runtimeDirectory, timeProvider, _logger) { SessionId = sessionId };
        var client = new WorkerClient(launch.HostEndpoint, process.Token, maxMessageBytes, options.Value.ControlCallTimeout, timeProvider);
        var worker = new Worker(process, client);
        try
        {
            await process.LaunchAsync(spawnThread);
            metrics.WorkerStarted();
            await WaitUntilReadyAsync(worker, cancellationToken);
            var runtime = await client.InitializeAsync(sessionId, cancellationToken);
            Log.Ready(_logger, sessionId, process.ProcessId, runtime);
            return worker;
        }
        catch (Exception e) when (e is not WorkerStartException and not OperationCanceledException)
        {
            await worker.AbandonAsync();
            throw new WorkerStartException($"Could not start a worker for session {sessionId}: {e.Message}", e);
        }
        catch
        {
            await worker.AbandonAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(Worker worker, CancellationToken cancellationToken)
    {
        var timeout = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddTimeout(options.Value.StartTimeout)
            .Build();
        try
        {
            await timeout.ExecuteAsync(async token =>
            {
                await worker.Process.WaitForHandshakeAsync(token);
                await worker.Process.IdentifyPeerAsync(token);
                await worker.Client.WaitUntilServingAsync(() => worker.HasExited, token);
            }, cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            throw new WorkerStartException(
                $"The worker for session {worker.Process.SessionId} (pid {worker.ProcessId}) did not become ready within "
                + $"{options.Value.StartTimeout.TotalSeconds:0.#} s (Workers:StartTimeout) and was killed. "
                + $"Last lines of its stdout:\n{worker.Process.StandardOutputTail}\nand stderr:\n{worker.Process.StandardErrorTail}", e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2111, LogLevel.Information, "Session {SessionId}: worker pid {ProcessId} ready ({Runtime})")]
        public static partial void Ready(ILogger logger, string sessionId, int processId, string runtime);
    }
}
