namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>Graphviz took longer than <see cref="VisualizationOptions.RenderTimeout"/> and was killed.</summary>
internal sealed class RenderTimeoutException(TimeSpan timeout)
    : SandboxException($"Rendering the pipeline took longer than {timeout.TotalSeconds:0.#} s and was stopped. Draw a smaller pipeline, or ask for format 'dot'.");
