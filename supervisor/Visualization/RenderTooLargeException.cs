namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>Graphviz wrote more than <see cref="VisualizationOptions.OutputLimitBytes"/> and was killed.</summary>
internal sealed class RenderTooLargeException(int limit)
    : SandboxException($"The rendered image passed the {limit} bytes this server returns, so rendering was stopped. "
        + "Draw a smaller pipeline, ask for svg, or ask for format 'dot'.");
