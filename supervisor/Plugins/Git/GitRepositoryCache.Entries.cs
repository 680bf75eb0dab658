using Cuvis.Sandbox.Supervisor.Plugins.Cache;

namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

internal sealed partial class GitRepositoryCache
{
    /// <summary>The cache entry (directory, with its clone and trees) that <paramref name="repositoryUrl"/> is kept in.</summary>
    public string EntryDirectoryOf(string repositoryUrl) => _layout.EntryDirectory(GitCacheLayout.CacheKey(repositoryUrl));

    /// <summary>
    /// Holds the tree of <paramref name="checkout"/> under its repository's lock, which clearing
    /// and eviction take too, so a build copies it whole or finds it gone.
    /// </summary>
    public EntryHold HoldTree(GitCheckout checkout) => new(async cancellationToken =>
    {
        var lease = await _locks.AcquireAsync(checkout.CacheKey, checkout.RepositoryUrl, cancellationToken);
        if (!Directory.Exists(checkout.SourceDirectory))
        {
            lease.Dispose();
            throw new PluginCacheClearedException($"repos/{checkout.CacheKey}");
        }

        return lease;
    });

    /// <summary>The cached repositories, for eviction to weigh.</summary>
    public IReadOnlyList<string> Entries()
    {
        EnsurePrepared();
        return [.. Directory.EnumerateDirectories(_layout.ReposDirectory)];
    }

    /// <summary>
    /// Moves a cached repository out of <c>repos/</c> with one rename, unless its lock is held:
    /// a checkout is using it, or a fetch its caller gave up on is still writing to it.
    /// </summary>
    /// <returns>Where it went, for the caller to delete; null when it is busy or already gone.</returns>
    public string? TryTakeOut(string entry)
    {
        EnsurePrepared();
        var key = Path.GetFileName(entry);
        using var lease = _locks.TryAcquire(key);
        return lease is not null && Directory.Exists(_layout.EntryDirectory(key)) ? _layout.TakeOutEntry(key) : null;
    }
}
