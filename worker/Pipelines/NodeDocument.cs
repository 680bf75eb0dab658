using YamlDotNet.RepresentationModel;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>One entry of <c>nodes</c>.</summary>
/// <param name="Index">Position in <c>nodes</c>, from 0.</param>
/// <param name="Name">
/// The node name, or <see langword="null"/> when it is missing, not an identifier or a duplicate
/// (already reported): such a node is still checked, but nothing can connect to it.
/// </param>
/// <param name="Class">The class as written, or <see langword="null"/> when missing (already reported).</param>
/// <param name="Params">The <c>params</c> mapping; empty when absent.</param>
internal sealed record NodeDocument(int Index, string? Name, string? Class, YamlMappingNode Params)
{
    /// <summary>Gets how problems name this node: <c>node 'x'</c>, or <c>nodes[2]</c> when it has no usable name.</summary>
    public string Label => LabelOf(Index, Name);

    public static string LabelOf(int index, string? name) => name is null ? $"nodes[{index}]" : $"node '{name}'";
}
