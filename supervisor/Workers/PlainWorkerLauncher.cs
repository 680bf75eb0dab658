using Cuvis.Sandbox.Supervisor.Containment;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Profile <c>none</c>: the worker as a plain child process (<c>dotnet Cuvis.Sandbox.Worker.dll</c>,
/// or <see cref="WorkerOptions.Command"/>) with a scrubbed environment and nothing else between
/// plugin code and the host. For development only.
/// </summary>
internal sealed partial class PlainWorkerLauncher(
    IOptions<WorkerOptions> workers, IOptions<ContainmentOptions> containment, ILogger<PlainWorkerLauncher> logger) : IWorkerLauncher
{
    public Task<WorkerLaunch> PrepareAsync(WorkerLaunchSpec spec)
    {
        Log.Unconfined(logger);
        var scratch = Path.Combine(spec.WorkerDirectory, "scratch");
        Directory.CreateDirectory(scratch);
        Directory.CreateDirectory(spec.SocketDirectory);
        var endpoint = spec.HostEndpoint;
        var (fileName, arguments) = WorkerExecutable.Resolve(workers.Value);
        arguments.AddRange(WorkerEnvironment.Arguments(endpoint.Address, scratch, spec.MaxMessageBytes, workers.Value));

        var environment = ScrubbedEnvironment.Create("DOTNET_ROOT");
        foreach (var (name, value) in WorkerEnvironment.Create(workers.Value, containment.Value, scratch))
        {
            environment[name] = value;
        }

        var command = new WorkerCommand(fileName, arguments, environment, spec.WorkerDirectory);
        return Task.FromResult(new WorkerLaunch(Containment.Sandbox.Plain(command), endpoint, endpoint.Address, spec.PluginDirectory, spec));
    }

    private static partial class Log
    {
        [LoggerMessage(2605, LogLevel.Warning, "Starting a worker WITHOUT containment (Containment:Profile=none): its plugins run with this server's rights. Development only.")]
        public static partial void Unconfined(ILogger logger);
    }
}
