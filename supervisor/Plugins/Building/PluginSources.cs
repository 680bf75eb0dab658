using Cuvis.Sandbox.Supervisor.Plugins.Cache;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>A plugin's sources to build: where they are, and the hold that keeps them there while they are read.</summary>
/// <param name="Directory">A git commit's checked-out tree in the cache, or a local plugin's directory.</param>
/// <param name="Hold">Keeps <paramref name="Directory"/> in place; <see cref="EntryHold.None"/> outside the cache.</param>
internal sealed record PluginSources(string Directory, EntryHold Hold);
