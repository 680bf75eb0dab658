using System.Diagnostics.CodeAnalysis;

namespace Cuvis.Sandbox.Worker.Plugins;

/// <summary>How a plugin load ended: the registered plugin, or why nothing of it was registered.</summary>
internal sealed record PluginLoadResult
{
    private PluginLoadResult(LoadedPlugin? plugin, string? error)
    {
        Plugin = plugin;
        Error = error;
    }

    public LoadedPlugin? Plugin { get; }

    /// <summary>Why the plugin was not loaded, written for the client.</summary>
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Plugin))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Loaded => Plugin is not null;

    public static PluginLoadResult Success(LoadedPlugin plugin) => new(plugin, null);

    public static PluginLoadResult Failure(string error) => new(null, error);
}
