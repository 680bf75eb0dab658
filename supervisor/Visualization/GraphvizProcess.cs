using System.Text;
using CliWrap;

namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>
/// Runs one dot command: the DOT text on stdin, the image read from stdout up to
/// <see cref="VisualizationOptions.OutputLimitBytes"/>, within <see cref="VisualizationOptions.RenderTimeout"/>.
/// Past either limit the process tree is killed (CliWrap's forceful cancellation) and the call fails by name;
/// so does a dot its cgroup's OOM killer stopped. <c>sandbox</c> is the one dot runs in (null for a plain process):
/// what is killed at a limit, and whose OOM count is read.
/// </summary>
internal static class GraphvizProcess
{
    private const int StderrTailChars = 400;

    public static async Task<byte[]> RunAsync(
        Command command, string dot, VisualizationOptions options, TimeProvider timeProvider, Containment.Sandbox? sandbox, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.RenderTimeout, timeProvider);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var output = new MemoryStream();
        var tooLarge = false;
        var stderr = new StringBuilder();
        var cli = command
            .WithStandardInputPipe(PipeSource.FromString(dot, Encoding.UTF8))
            .WithStandardOutputPipe(PipeTarget.Create(async (stream, ct) =>
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(buffer, ct)) > 0)
                {
                    if (output.Length + read > options.OutputLimitBytes)
                    {
                        tooLarge = true;
                        await stop.CancelAsync();
                        return;
                    }

                    output.Write(buffer, 0, read);
                }
            }))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
            {
                lock (stderr)
                {
                    if (stderr.Length < StderrTailChars)
                    {
                        stderr.Append(line).Append(' ');
                    }
                }
            }))
            .WithValidation(CommandResultValidation.None);
        try
        {
            var result = await cli.ExecuteAsync(stop.Token);
            if (result.ExitCode != 0 && sandbox is { WasOomKilled: true })
            {
                throw new RenderOutOfMemoryException(options.MemoryLimitBytes);
            }

            if (result.ExitCode != 0)
            {
                string tail;
                lock (stderr)
                {
                    tail = stderr.ToString().Trim();
                }

                throw new RenderFailedException($"dot exited with code {result.ExitCode}{(tail.Length > 0 ? ": " + tail : ".")}");
            }

            return output.ToArray();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (sandbox is not null)
            {
                await sandbox.KillAllAsync();
            }

            if (tooLarge)
            {
                throw new RenderTooLargeException(options.OutputLimitBytes);
            }

            throw new RenderTimeoutException(options.RenderTimeout);
        }
    }
}
