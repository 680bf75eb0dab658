using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Starts a worker for a session and hands it over only once it is ready; on any failure the
/// process is killed and its directory removed before the error propagates.
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
        var endpoint = WorkerEndpoint.ForSessionDirectory(directory);
        var maxMessageBytes = serverOptions.Value.MaxMessageBytes;
        var worker = new WorkerProcess(sessionId, directory, endpoint, options.Value, runtimeDirectory, timeProvider, _logger)
        {
            MaxMessageBytes = maxMessageBytes,
        };

        try
        {
            var command = launcher.CreateCommand(new WorkerLaunchSpec(sessionId, directory, endpoint, maxMessageBytes));
            await worker.LaunchAsync(command, spawnThread);
            await worker.WaitUntilReadyAsync(cancellationToken);
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
