using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Nodes;

/// <summary>A node class the session can use, with the ports and the metadata it declares.</summary>
/// <param name="Type">The node class; derives from <see cref="Node"/>.</param>
/// <param name="Source">Builtin or plugin.</param>
/// <param name="PluginName">The providing plugin's name; empty for builtin nodes.</param>
/// <param name="Inputs">The input ports, in declaration order.</param>
/// <param name="Outputs">The output ports, in declaration order.</param>
/// <param name="Metadata">Its category, tags and icon, from <see cref="NodeMetadataAttribute"/>; unspecified when it declares none.</param>
internal sealed record NodeDescriptor(
    Type Type,
    NodeSource Source,
    string PluginName,
    IReadOnlyList<PortSpec> Inputs,
    IReadOnlyList<PortSpec> Outputs,
    NodeMetadata Metadata)
{
    /// <summary>Gets the short class name, e.g. <c>MeanNode</c>.</summary>
    public string ClassName => Type.Name;

    /// <summary>Gets the full type name, e.g. <c>Acme.Nodes.MeanNode</c>.</summary>
    public string FullPath => Type.FullName ?? Type.Name;

    /// <summary>
    /// Reads the ports and metadata of a class that passed <see cref="NodeTypeRules.FindProblem"/>.
    /// Throws <see cref="ArgumentException"/> naming the class (and port) when a declaration is invalid.
    /// </summary>
    public static NodeDescriptor Describe(Type type, NodeSource source, string pluginName) =>
        new(type, source, pluginName, NodePorts.InputsOf(type), NodePorts.OutputsOf(type), NodeMetadata.Of(type));
}
