using Cuvis.Sandbox.Client;

namespace Cuvis.Sandbox.Cli.Output;

/// <summary>A node class as --json prints it; <c>parameters</c> is null where the server does not describe the class.</summary>
internal sealed record NodeDocument(
    string ClassName, string FullPath, string Source, string? Plugin, IReadOnlyList<PortDocument> Inputs, IReadOnlyList<PortDocument> Outputs,
    IReadOnlyList<NodeParameter>? Parameters)
{
    public static NodeDocument From(NodeInfo node, IReadOnlyList<NodeParameter>? parameters = null) => new(
        node.ClassName, node.FullPath, Describe.Source(node.Source), node.PluginName,
        [.. node.Inputs.Values.Select(PortDocument.From)], [.. node.Outputs.Values.Select(PortDocument.From)], parameters);
}

/// <summary>A port as --json prints it; shape -1 means any size.</summary>
internal sealed record PortDocument(string Name, string Dtype, IReadOnlyList<long> Shape, bool Optional, string? Description)
{
    public static PortDocument From(PortSpec port) =>
        new(port.Name, Describe.DType(port.DType), port.Shape, port.Optional, port.Description.Length > 0 ? port.Description : null);
}
