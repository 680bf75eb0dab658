namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// The plugins loaded into one session, in load order. Loads into a session are serialised
/// (<see cref="LoadGate"/>); readers take a snapshot.
/// </summary>
internal sealed class SessionPlugins
{
    private readonly List<LoadedPlugin> _plugins = [];
    private readonly Lock _gate = new();

    /// <summary>Held by one LoadPlugins call of the session at a time.</summary>
    public SemaphoreSlim LoadGate { get; } = new(1, 1);

    public IReadOnlyList<LoadedPlugin> Snapshot()
    {
        lock (_gate)
        {
            return [.. _plugins];
        }
    }

    public LoadedPlugin? Find(string name)
    {
        lock (_gate)
        {
            return _plugins.Find(p => p.Spec.Name == name);
        }
    }

    public void Add(LoadedPlugin plugin)
    {
        lock (_gate)
        {
            _plugins.Add(plugin);
        }
    }
}
