using Cuvis.Sandbox.Supervisor.Plugins.Cache;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>A plugin ready to load: its output folder and the file name of its main assembly.</summary>
internal sealed record BuiltPlugin(string Directory, string MainAssembly)
{
    /// <summary>The build cache entry holding <see cref="Directory"/>; null for an already built plugin loaded where it is.</summary>
    public string? CacheEntry { get; init; }

    /// <summary>Keeps <see cref="Directory"/> in place while it is copied into a session.</summary>
    public EntryHold Hold { get; init; } = EntryHold.None;

    /// <summary>True when this call built it and so added to the cache (which may then be over its size limit).</summary>
    public bool AddedToCache { get; init; }
}
