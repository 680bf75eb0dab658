using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>A port of a pipeline node that no connection feeds (an input) or consumes (an output).</summary>
/// <param name="Node">The node name from the document.</param>
/// <param name="Port">The port name the node class declares.</param>
/// <param name="Spec">The declared port.</param>
/// <param name="Required">For inputs, whether a run must give a tensor for it; always <see langword="true"/> for outputs.</param>
internal sealed record PipelinePort(string Node, string Port, PortSpec Spec, bool Required)
{
    public string Key => $"{Node}.{Port}";
}
