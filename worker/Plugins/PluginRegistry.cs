using System.Diagnostics.CodeAnalysis;

namespace Cuvis.Sandbox.Worker.Plugins;

/// <summary>
/// The plugins loaded in this worker's session, in load order. A plugin is registered whole or
/// not at all, so the node catalogue never shows part of a plugin.
/// </summary>
internal sealed class PluginRegistry
{
    private readonly Lock _lock = new();
    private readonly List<LoadedPlugin> _plugins = [];

    /// <summary>Gets a snapshot of the registered plugins, in load order.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins
    {
        get
        {
            lock (_lock)
            {
                return [.. _plugins];
            }
        }
    }

    public bool Contains(string name)
    {
        lock (_lock)
        {
            return _plugins.Exists(plugin => Same(plugin.Name, name));
        }
    }

    /// <summary>
    /// Registers <paramref name="plugin"/> unless its name is taken, or one of its node classes
    /// has the full name of a node another plugin provides (a pipeline could not tell them apart).
    /// </summary>
    public bool TryRegister(LoadedPlugin plugin, [NotNullWhen(false)] out string? conflict)
    {
        lock (_lock)
        {
            conflict = FindConflict(plugin);
            if (conflict is null)
            {
                _plugins.Add(plugin);
            }

            return conflict is null;
        }
    }

    public static string AlreadyLoaded(string name) => $"Plugin '{name}' is already loaded in this session.";

    private string? FindConflict(LoadedPlugin plugin)
    {
        if (_plugins.Exists(loaded => Same(loaded.Name, plugin.Name)))
        {
            return AlreadyLoaded(plugin.Name);
        }

        foreach (var node in plugin.Nodes)
        {
            var owner = _plugins.Find(loaded => loaded.Nodes.Any(other => Same(other.FullPath, node.FullPath)));
            if (owner is not null)
            {
                return $"Cannot import '{node.FullPath}': plugin '{owner.Name}' already provides a node of that name.";
            }
        }

        return null;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
}
