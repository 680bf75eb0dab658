namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

internal sealed partial class PluginBuilder
{
    /// <summary>Builds (EventIds 2450-2459). Every line names the plugin.</summary>
    private static partial class Log
    {
        [LoggerMessage(2450, LogLevel.Information, "Plugin {PluginName}: build {BuildKey} served from the cache (no build)")]
        public static partial void CacheHit(ILogger logger, string pluginName, string buildKey);

        [LoggerMessage(2451, LogLevel.Information, "Plugin {PluginName}: building {BuildKey}")]
        public static partial void Building(ILogger logger, string pluginName, string buildKey);

        [LoggerMessage(2452, LogLevel.Information, "Plugin {PluginName}: built {BuildKey}")]
        public static partial void Built(ILogger logger, string pluginName, string buildKey);

        [LoggerMessage(2453, LogLevel.Debug, "Plugin {PluginName}: build {BuildKey} waits for a build slot ({MaxConcurrentBuilds} run at once, Plugins:MaxConcurrentBuilds)")]
        public static partial void WaitingForSlot(ILogger logger, string pluginName, string buildKey, int maxConcurrentBuilds);
    }
}
