namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// A node failed during a run: it threw, or broke its declared contract (an output missing or of
/// the wrong dtype or shape). The message names the node and its class.
/// </summary>
internal sealed class NodeExecutionException : Exception
{
    public NodeExecutionException(string nodeName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        NodeName = nodeName;
    }

    /// <summary>Gets the name of the failing node in the pipeline document.</summary>
    public string NodeName { get; }

    public static NodeExecutionException Threw(PipelineNode node, Exception exception) =>
        new(node.Name, $"Node '{node.Name}' ({node.ClassName}) failed: {exception.GetType().Name}: {exception.Message}", exception);
}
