using Cuvis.Sandbox.Worker.Nodes;

namespace Cuvis.Sandbox.Worker.Schemas;

/// <summary>A node class whose parameters the worker will not describe (FAILED_PRECONDITION): past a limit, or unreadable.</summary>
internal sealed class UndescribableNodeClassException(NodeDescriptor node, string reason)
    : Exception($"The parameters of node class {node.FullPath} cannot be described: {reason}. LoadPipeline still checks "
        + "a node's params against its constructor and names each bad one.")
{
    /// <summary>Gets why, as a clause.</summary>
    public string Reason { get; } = reason;
}
