using CliWrap;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>Runs build commands through CliWrap: output captured up to a cap, the process tree killed at the deadline.</summary>
internal static class BuildProcess
{
    /// <summary>Runs the command of each step in turn until one fails, all before <paramref name="timeout"/>.</summary>
    /// <remarks>
    /// Processes start on the <paramref name="spawnThread"/>: a sandbox dies with the thread
    /// that started it (bubblewrap's parent-death signal), and pool threads come and go.
    /// </remarks>
    public static async Task<BuildRun> RunStepsAsync(
        IReadOnlyList<BuildStep> steps, Func<BuildStep, Task<(WorkerCommand Command, IAsyncDisposable? Resources)>> prepare,
        ProcessSpawnThread spawnThread, TimeSpan timeout, int outputLimitBytes, CancellationToken cancellationToken)
    {
        var output = new BuildOutput(outputLimitBytes);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var exitCode = 0;
        foreach (var step in steps)
        {
            var (command, resources) = await prepare(step);
            try
            {
                var cli = command.ToCli()
                    .WithStandardInputPipe(PipeSource.Null)
                    .WithStandardOutputPipe(output.Target)
                    .WithStandardErrorPipe(output.Target);
                var running = await spawnThread.InvokeAsync(() => cli.ExecuteAsync(deadline.Token));
                exitCode = (await running).ExitCode;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new BuildRun(-1, output.ToString(), TimedOut: true, output.DroppedBytes);
            }
            finally
            {
                if (resources is not null)
                {
                    // Kills whatever the step left running.
                    await resources.DisposeAsync();
                }
            }

            if (exitCode != 0)
            {
                break;
            }
        }

        return new BuildRun(exitCode, output.ToString(), TimedOut: false, output.DroppedBytes);
    }
}
