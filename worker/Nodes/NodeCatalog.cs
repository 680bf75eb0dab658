using Cuvis.Sandbox.Worker.Plugins;

namespace Cuvis.Sandbox.Worker.Nodes;

/// <summary>
/// The node classes this worker's session can use: the builtin ones, then those of every
/// registered plugin in load order. One per worker, built on that worker's own
/// <see cref="PluginRegistry"/>, so it never shows another session's nodes.
/// </summary>
internal sealed class NodeCatalog
{
    private readonly PluginRegistry _plugins;
    private readonly IReadOnlyList<NodeDescriptor> _builtins;

    /// <param name="plugins">The session's plugins.</param>
    /// <param name="builtinTypes">The builtin node classes (<see cref="BuiltinNodes.Types"/>); an invalid one is a bug and throws here.</param>
    public NodeCatalog(PluginRegistry plugins, IReadOnlyList<Type> builtinTypes)
    {
        _plugins = plugins;
        _builtins = [.. builtinTypes.Select(DescribeBuiltin)];
    }

    public IReadOnlyList<NodeDescriptor> List() =>
        [.. _builtins, .. _plugins.Plugins.SelectMany(plugin => plugin.Nodes)];

    private static NodeDescriptor DescribeBuiltin(Type type) =>
        NodeTypeRules.FindProblem(type) is { } problem
            ? throw new ArgumentException($"Builtin node '{type.FullName}' is not a valid node: {problem}.", nameof(type))
            : NodeDescriptor.Describe(type, NodeSource.Builtin, pluginName: "");
}
