namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

internal sealed partial class GitRepositoryCache
{
    /// <summary>Git cache (EventIds 2400-2449). Every line about a fetch names the plugin.</summary>
    private static partial class Log
    {
        [LoggerMessage(2400, LogLevel.Information, "Plugin {PluginName}: cloning {Url} into git cache entry {CacheKey}")]
        public static partial void Cloning(ILogger logger, string pluginName, string url, string cacheKey);

        [LoggerMessage(2401, LogLevel.Information, "Plugin {PluginName}: fetching {Url} to resolve {Ref}")]
        public static partial void Fetching(ILogger logger, string pluginName, string url, string @ref);

        [LoggerMessage(2402, LogLevel.Information, "Plugin {PluginName}: {Url} {Ref} served from the git cache at commit {Commit}")]
        public static partial void ServedFromCache(ILogger logger, string pluginName, string url, string @ref, string commit);

        [LoggerMessage(2403, LogLevel.Information, "Plugin {PluginName}: {Url} {Ref} resolved to commit {Commit}")]
        public static partial void Resolved(ILogger logger, string pluginName, string url, string @ref, string commit);

        [LoggerMessage(2404, LogLevel.Debug, "Plugin {PluginName}: checked out commit {Commit} of {Url} into {SourceDirectory}")]
        public static partial void CheckedOut(ILogger logger, string pluginName, string url, string commit, string sourceDirectory);

        [LoggerMessage(2405, LogLevel.Warning, "Plugin {PluginName}: fetching {Url} failed: {Reason}")]
        public static partial void RemoteFailed(ILogger logger, string pluginName, string url, string reason);

        [LoggerMessage(2406, LogLevel.Information, "Plugin {PluginName}: removed {Count} repositories from the git cache")]
        public static partial void Cleared(ILogger logger, string pluginName, int count);

        [LoggerMessage(2407, LogLevel.Information, "Git cache {Directory} ready; removed {LeftoverCount} leftovers of interrupted work")]
        public static partial void Prepared(ILogger logger, string directory, int leftoverCount);

        [LoggerMessage(2408, LogLevel.Warning, "Could not remove {Path} from the git cache: {Reason}")]
        public static partial void RemoveFailed(ILogger logger, string path, string reason);
    }
}
