using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Starts workers and binds them to sessions. A worker is handed over only once it is ready:
/// launched, its ready line checked, its peer identified, its socket serving, its descriptor
/// channel connected (<see cref="WorkerClient.ConnectFileChannelAsync"/>), its call channel
/// opened (<see cref="WorkerClient.OpenCallChannelAsync"/>), and bound to its
/// session (Initialize). A worker starts blank and learns its session only at Initialize, so no
/// session id ever appears on a command line, and a blank worker can be started before its
/// session exists (<see cref="Sessions.WorkerPool"/>). On any failure the process is killed at once, its
/// sandbox released and its directory removed before the error propagates.
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

    /// <summary>What a pooled worker's log lines name until it is bound.</summary>
    public const string PoolLabel = "(pool)";

    /// <summary>Starts a worker and binds it to <paramref name="sessionId"/> (a cold start).</summary>
    public async Task<Worker> StartAsync(string sessionId, CancellationToken cancellationToken) =>
        await BindAsync(await SpawnAsync(sessionId, warmUp: false, cancellationToken), sessionId, cancellationToken);

    /// <summary>Starts a blank worker, ready and serving.</summary>
    /// <param name="sessionId">The session it is started for, which its log lines name; null for the pool.</param>
    /// <param name="warmUp">Also run its warm-up call, so its first real calls find their code compiled.</param>
    /// <param name="cancellationToken">Gives up the start (the worker is killed).</param>
    /// <param name="prepared">Called with the worker once its sandbox exists, before its process starts (the pool sets its CPU share here).</param>
    /// <param name="startTimeout">Time it has to become ready and warm; default <see cref="WorkerOptions.StartTimeout"/>.</param>
    public async Task<Worker> SpawnAsync(
        string? sessionId, bool warmUp, CancellationToken cancellationToken, Action<Worker>? prepared = null, TimeSpan? startTimeout = null)
    {
        var timeout = startTimeout ?? options.Value.StartTimeout;
        var subject = sessionId is null ? "the pool" : "session " + sessionId;
        var directory = runtimeDirectory.CreateWorkerDirectory();
        var maxMessageBytes = serverOptions.Value.MaxMessageBytes;
        WorkerLaunch launch;
        try
        {
            var spec = new WorkerLaunchSpec(directory, maxMessageBytes);
            Directory.CreateDirectory(spec.PluginDirectory);
            launch = await launcher.PrepareAsync(spec);
        }
        catch
        {
            runtimeDirectory.RemoveDirectory(directory);
            throw;
        }

        var process = new WorkerProcess(launch, options.Value, runtimeDirectory, timeProvider, _logger) { SessionId = sessionId ?? PoolLabel };
        var client = new WorkerClient(launch.HostEndpoint, process.Token, maxMessageBytes, options.Value.ControlCallTimeout, timeProvider);
        var worker = new Worker(process, client);
        try
        {
            prepared?.Invoke(worker);
            await process.LaunchAsync(spawnThread);
            metrics.WorkerStarted();
            await WaitUntilReadyAsync(worker, subject, timeout, cancellationToken);
            if (warmUp)
            {
                await client.WarmUpAsync(timeout, cancellationToken);
            }

            return worker;
        }
        catch (Exception e)
        {
            await worker.AbandonAsync();
            if (e is WorkerStartException or OperationCanceledException)
            {
                throw;
            }

            throw new WorkerStartException($"Could not start a worker for {subject}: {e.Message}", e);
        }
    }

    /// <summary>Binds the blank <paramref name="worker"/> to <paramref name="sessionId"/> (Initialize); a worker that refuses is killed.</summary>
    public async Task<Worker> BindAsync(Worker worker, string sessionId, CancellationToken cancellationToken)
    {
        worker.Process.SessionId = sessionId;
        try
        {
            // A pooled worker ran in the background until now; its session's calls do not.
            worker.SetCpuShare(Containment.Cgroups.CpuShare.Normal);
            var runtime = await worker.Client.InitializeAsync(sessionId, cancellationToken);
            Log.Ready(_logger, sessionId, worker.ProcessId, runtime);
            return worker;
        }
        catch (Exception e)
        {
            await worker.AbandonAsync();
            if (e is WorkerStartException or OperationCanceledException)
            {
                throw;
            }

            throw new WorkerStartException($"Could not start a worker for session {sessionId}: {e.Message}", e);
        }
    }

    private async Task WaitUntilReadyAsync(Worker worker, string subject, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        var timeout = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddTimeout(startTimeout)
            .Build();
        try
        {
            await timeout.ExecuteAsync(async token =>
            {
                await worker.Process.WaitForHandshakeAsync(token);
                await worker.Process.IdentifyPeerAsync(token);
                await worker.Client.WaitUntilServingAsync(() => worker.HasExited, token);
                await worker.Client.ConnectFileChannelAsync(worker.Launch.HostEndpoint.SocketPath, worker.ProcessId, token);
                if (options.Value.CallChannel)
                {
                    await worker.Client.OpenCallChannelAsync(worker.Launch.HostEndpoint.SocketPath, worker.ProcessId, token);
                }
            }, cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            throw new WorkerStartException(
                $"The worker for {subject} (pid {worker.ProcessId}) did not become ready within "
                + $"{startTimeout.TotalSeconds:0.#} s (Workers:StartTimeout{(startTimeout == options.Value.StartTimeout ? "" : $" x {startTimeout / options.Value.StartTimeout:0.#} for a pooled worker")}) and was killed. "
                + $"Last lines of its stdout:\n{worker.Process.StandardOutputTail}\nand stderr:\n{worker.Process.StandardErrorTail}", e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2111, LogLevel.Information, "Session {SessionId}: worker pid {ProcessId} ready ({Runtime})")]
        public static partial void Ready(ILogger logger, string sessionId, int processId, string runtime);
    }
}
