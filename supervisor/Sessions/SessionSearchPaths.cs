namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>A session's pipeline search paths, each already confined to an allowed root; in the order set.</summary>
internal sealed class SessionSearchPaths
{
    private readonly Lock _lock = new();
    private List<string> _paths = [];

    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            return [.. _paths];
        }
    }

    /// <summary>Appends <paramref name="paths"/> (skipping ones held already) or replaces the list with them.</summary>
    public IReadOnlyList<string> Set(IEnumerable<string> paths, bool append)
    {
        lock (_lock)
        {
            _paths = [.. (append ? _paths : []).Concat(paths).Distinct(StringComparer.Ordinal)];
            return [.. _paths];
        }
    }
}
