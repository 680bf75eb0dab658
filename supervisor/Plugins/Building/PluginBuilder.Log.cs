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

        [LoggerMessage(2454, LogLevel.Information, "Build cache: removed {LeftoverCount} leftovers of interrupted builds from {Directory}")]
        public static partial void RemovedLeftovers(ILogger logger, string directory, int leftoverCount);

        [LoggerMessage(2455, LogLevel.Warning, "Build cache: could not remove the leftover {Path}: {Reason}")]
        public static partial void LeftoverNotRemoved(ILogger logger, string path, string reason);
    }
}
