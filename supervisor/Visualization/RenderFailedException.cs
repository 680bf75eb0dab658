namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>Graphviz refused the drawing (it exited with an error).</summary>
internal sealed class RenderFailedException(string reason)
    : SandboxException($"Graphviz could not render the pipeline: {reason}");
