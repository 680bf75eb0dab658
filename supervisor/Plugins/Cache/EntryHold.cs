namespace Cuvis.Sandbox.Supervisor.Plugins.Cache;

/// <summary>
/// Keeps one directory of the plugin cache (a commit's checked-out tree, a published build) in
/// place while it is read: ClearPluginCache waits for a held entry and eviction passes it by, so
/// no copy is ever taken of an entry half removed, or of one removed and published again midway.
/// Pins (<see cref="PluginCacheUsage"/>) only keep eviction away; a hold keeps clearing away too,
/// for as long as a copy takes.
/// </summary>
internal sealed class EntryHold(Func<CancellationToken, Task<IDisposable>> acquire)
{
    /// <summary>For a directory outside the cache (a local plugin's own): nothing of the server removes it.</summary>
    public static EntryHold None { get; } = new(_ => Task.FromResult<IDisposable>(Released.Instance));

    /// <summary>Holds the entry until the result is disposed.</summary>
    /// <exception cref="PluginCacheClearedException">The entry was removed before it could be held.</exception>
    public Task<IDisposable> AcquireAsync(CancellationToken cancellationToken) => acquire(cancellationToken);

    private sealed class Released : IDisposable
    {
        public static readonly Released Instance = new();

        public void Dispose()
        {
        }
    }
}
