namespace Cuvis.Sandbox.Supervisor.Plugins.Cache;

/// <summary>
/// A cache entry a load was about to read was removed first (ClearPluginCache). The load then
/// prepares the plugin again; only when that keeps happening does the entry fail, with <see cref="GaveUp"/>.
/// </summary>
internal sealed class PluginCacheClearedException(string entry)
    : SandboxException($"The plugin cache entry {entry} was removed (ClearPluginCache) before it could be read.")
{
    /// <summary>The answer for a plugin whose every attempt found its cache entries removed.</summary>
    public static string GaveUp(string pluginName, int attempts) =>
        $"Plugin '{pluginName}' was not loaded: its entries in the plugin cache were removed (ClearPluginCache) while it was being "
        + $"loaded, {attempts} times in a row. Load it again once the cache is no longer being cleared.";
}
