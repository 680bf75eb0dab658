using Cuvis.Sandbox.Supervisor.Plugins.Building;
using Cuvis.Sandbox.Supervisor.Plugins.Cache;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>A plugin fetched and built, ready to be staged into a session.</summary>
/// <param name="Build">Where the build output is.</param>
/// <param name="Commit">The resolved commit of a git plugin; "" for local plugins.</param>
internal sealed record PreparedPlugin(BuiltPlugin Build, string Commit)
{
    /// <summary>
    /// The plugin cache entries it came from: its build and, for a git plugin, the repository.
    /// A session that loaded it pins them for its life (<see cref="PluginCacheUsage.Acquire"/>),
    /// so that eviction leaves what a reload of the plugin hits. None for an already built local
    /// plugin, which is loaded from where it is.
    /// </summary>
    public IReadOnlyList<string> CacheEntries { get; init; } = [];

    /// <summary>
    /// Pins <see cref="CacheEntries"/> from the preparation on, so eviction cannot remove the build
    /// before the caller has copied it: dispose it once the plugin is staged (and the session's own
    /// lease taken). Lapses by itself after <see cref="PluginCacheUsage.HandOverTimeout"/>.
    /// </summary>
    public IDisposable? HandOver { get; init; }
}
