namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>A ref of a repository, resolved to a commit and checked out.</summary>
/// <param name="RepositoryUrl">The URL as the caller gave it.</param>
/// <param name="Ref">The tag, branch or commit the caller asked for.</param>
/// <param name="Commit">The full 40-hex sha the ref resolved to.</param>
/// <param name="SourceDirectory">
/// Absolute path of a clean tree of <paramref name="Commit"/> without <c>.git</c>. Shared by every
/// caller of the same commit and kept until the repository is cleared: do not write into it.
/// </param>
/// <param name="CacheKey">Stable id of the repository's cache entry (16 hex of sha256(url)).</param>
internal sealed record GitCheckout(string RepositoryUrl, string Ref, string Commit, string SourceDirectory, string CacheKey)
{
    /// <summary>True when this checkout cloned, fetched or wrote a tree, and so added to the cache.</summary>
    public bool AddedToCache { get; init; }

    /// <summary>What <see cref="Ref"/> turned out to be.</summary>
    public GitRefKind RefKind { get; init; }
}
