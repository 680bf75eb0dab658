using CliWrap;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>Profile <c>none</c>: dot runs as the server's own process, with the time and output limits only.</summary>
internal sealed class PlainGraphvizRenderer(IOptions<VisualizationOptions> options, TimeProvider timeProvider) : IGraphRenderer
{
    public Task<byte[]> RenderAsync(string dot, VisualizationFormat format, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!File.Exists(settings.DotPath))
        {
            throw new GraphvizMissingException(settings.DotPath);
        }

        return GraphvizProcess.RunAsync(Cli.Wrap(settings.DotPath).WithArguments(["-T" + format.Name()]), dot, settings, timeProvider,
            sandbox: null, cancellationToken);
    }
}
