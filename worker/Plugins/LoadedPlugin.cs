using Cuvis.Sandbox.Worker.Nodes;

namespace Cuvis.Sandbox.Worker.Plugins;

/// <summary>A plugin registered in this session: its load context and the nodes it provides.</summary>
/// <param name="Name">The plugin's name, unique within the session.</param>
/// <param name="Directory">Where its assemblies were loaded from.</param>
/// <param name="Context">The plugin's own load context; keeps its assemblies alive while registered.</param>
/// <param name="Nodes">The node classes it provides, in the order the manifest lists them.</param>
internal sealed record LoadedPlugin(
    string Name,
    string Directory,
    PluginLoadContext Context,
    IReadOnlyList<NodeDescriptor> Nodes);
