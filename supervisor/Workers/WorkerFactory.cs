using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Starts a worker for a session and hands it over only once it is ready; on any failure the
/// process is killed, its sandbox released and its directory removed before the error propagates.
/// A worker starts blank and learns its session only at Initialize (<see cref="WorkerProcess.BindAsync"/>),
/// so no session id ever appears on a command line.
/// </summary>
internal sealed class WorkerFactory(
    IWorkerLauncher launcher,
    RuntimeDirectory runtimeDirectory,
    ProcessSpawnThread spawnThread,
    IOptions<WorkerOptions> options,
    IOptions<Hosting.ServerOptions> serverOptions,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<WorkerProcess>();

    public async Task<WorkerProcess> StartAsync(string sessionId, CancellationToken cancellationToken)
    {
        var directory = runtimeDirectory.CreateSessionDirectory();
        var maxMessageBytes = serverOptions.Value.MaxMessageBytes;
        WorkerLaunch launch;
        try
        {
            launch = await launcher.PrepareAsync(new WorkerLaunchSpec(directory, maxMessageBytes));
        }
        catch
        {
            runtimeDirectory.RemoveSessionDirectory(directory);
            throw;
        }

        var worker = new WorkerProcess(launch, options.Value, runtimeDirectory, timeProvider, _logger)
        {
            MaxMessageBytes = maxMessageBytes,
        };

        try
        {
            await worker.LaunchAsync(spawnThread);
            await worker.WaitUntilReadyAsync(cancellationToken);
            await worker.BindAsync(sessionId, cancellationToken);
            return worker;
        }
        catch (Exception e) when (e is not WorkerStartException and not OperationCanceledException)
        {
            await worker.DisposeAsync();
            throw new WorkerStartException($"Could not start a worker for the new session: {e.Message}", e);
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }
}
