using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Workers;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>Profile <c>none</c>: <c>dotnet</c> as a plain child process with a scrubbed environment and a HOME of its own.</summary>
internal sealed class PlainBuildRunner(
    IOptions<WorkerOptions> workers, IOptions<ContainmentOptions> containment, ProcessSpawnThread spawnThread) : IPluginBuildRunner
{
    public string ViewOf(string work) => work;

    public Task<BuildRun> RunAsync(BuildLayout layout, IReadOnlyList<BuildStep> steps, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var environment = ScrubbedEnvironment.Create("DOTNET_ROOT");
        foreach (var (name, value) in BuildLayout.Environment(layout.Root))
        {
            environment[name] = value;
        }

        return BuildProcess.RunStepsAsync(steps,
            step => Task.FromResult<(WorkerCommand, IAsyncDisposable?)>((new WorkerCommand(workers.Value.DotnetHost, step.Arguments, environment, layout.Root), null)),
            spawnThread, timeout, containment.Value.BuildOutputLimitBytes, cancellationToken);
    }
}
