namespace Cuvis.Sandbox.Supervisor.Plugins.Cache;

internal sealed partial class PluginCacheEvictor
{
    /// <summary>Plugin cache eviction (EventIds 2460-2479).</summary>
    private static partial class Log
    {
        [LoggerMessage(2460, LogLevel.Information, "Plugin cache: evicted {Kind} entry {Entry} ({Bytes} bytes, last used {LastUsed})")]
        public static partial void Evicted(ILogger logger, string kind, string entry, long bytes, DateTimeOffset lastUsed);

        [LoggerMessage(2461, LogLevel.Debug, "Plugin cache holds {TotalBytes} bytes in {EntryCount} entries, over Plugins:CacheSizeLimitBytes ({LimitBytes}); evicting the least recently used entries not in use")]
        public static partial void OverLimit(ILogger logger, long totalBytes, int entryCount, long limitBytes);

        [LoggerMessage(2462, LogLevel.Information, "Plugin cache holds {TotalBytes} bytes after evicting {EvictedCount} entries, within Plugins:CacheSizeLimitBytes ({LimitBytes})")]
        public static partial void BackWithinLimit(ILogger logger, long totalBytes, long limitBytes, int evictedCount);

        [LoggerMessage(EventId = 2463, Message = "Plugin cache still holds {TotalBytes} bytes after evicting {EvictedCount} entries, over Plugins:CacheSizeLimitBytes ({LimitBytes}): the rest is in use by open sessions or running fetches and builds")]
        public static partial void StillOverLimit(ILogger logger, LogLevel level, long totalBytes, long limitBytes, int evictedCount);

        [LoggerMessage(2464, LogLevel.Debug, "Plugin cache holds {TotalBytes} bytes in {EntryCount} entries, within Plugins:CacheSizeLimitBytes ({LimitBytes})")]
        public static partial void WithinLimit(ILogger logger, long totalBytes, int entryCount, long limitBytes);

        [LoggerMessage(2465, LogLevel.Warning, "Plugin cache: could not remove {Path}: {Reason}")]
        public static partial void EvictFailed(ILogger logger, string path, string reason);

        [LoggerMessage(2466, LogLevel.Warning, "Plugin cache: could not weigh {Path}, which stays: {Reason}")]
        public static partial void WeighFailed(ILogger logger, string path, string reason);

        [LoggerMessage(2467, LogLevel.Error, "Plugin cache eviction pass failed")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
