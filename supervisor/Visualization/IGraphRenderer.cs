namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>Renders DOT text to an image with Graphviz: in a sandbox under the strict profile, plainly under none.</summary>
internal interface IGraphRenderer
{
    /// <exception cref="GraphvizMissingException">No dot is installed.</exception>
    /// <exception cref="RenderTimeoutException">dot ran out of time.</exception>
    /// <exception cref="RenderTooLargeException">dot wrote too much.</exception>
    Task<byte[]> RenderAsync(string dot, VisualizationFormat format, CancellationToken cancellationToken);
}
