namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// One entry of a LoadPlugin manifest's <c>capabilities</c>: a node class (or data module) and its
/// optional palette metadata. The palette metadata is checked but not served: ListAvailableNodes
/// lists what the loaded assembly itself declares, so a listing cannot disagree with the code.
/// </summary>
/// <param name="ClassName">The fully-qualified class name, e.g. <c>MyPlugin.Nodes.Threshold</c>.</param>
/// <param name="Kind"><see cref="NodeKind"/> or <see cref="DataModuleKind"/>.</param>
/// <param name="DataModuleName">A data module's runtime name; empty for nodes.</param>
/// <param name="Category">The declared NodeCategory value in lower case (<c>transform</c>), <c>unspecified</c> by default.</param>
/// <param name="Tags">The declared tags, as written.</param>
/// <param name="IconSvg">The declared palette icon, SVG text; empty for none.</param>
/// <param name="InputPorts">The names of the declared input port specs.</param>
/// <param name="OutputPorts">The names of the declared output port specs.</param>
/// <param name="DocSummary">The declared one-line summary.</param>
internal sealed record ManifestCapability(
    string ClassName, string Kind, string DataModuleName, string Category, IReadOnlyList<string> Tags, string IconSvg,
    IReadOnlyList<string> InputPorts, IReadOnlyList<string> OutputPorts, string DocSummary)
{
    public const string NodeKind = "node";

    public const string DataModuleKind = "data_module";
}
