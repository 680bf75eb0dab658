using LibGit2Sharp;

namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// Finds a client's ref in a local bare repository, in git's order of precedence: a tag, then a
/// branch, then a full or abbreviated commit id. Never touches the network.
/// </summary>
internal static class GitRefResolver
{
    private const int FullShaLength = 40;

    /// <summary>The ref and its commit, or null when the repository does not know it (yet).</summary>
    public static GitResolvedRef? Resolve(string gitDirectory, string url, string gitRef)
    {
        using var repository = new Repository(gitDirectory);
        if (PeelToCommit(repository.Refs["refs/tags/" + gitRef]) is { } tagged)
        {
            return new GitResolvedRef(GitRefKind.Tag, tagged);
        }

        if (PeelToCommit(repository.Refs["refs/heads/" + gitRef]) is { } head)
        {
            return new GitResolvedRef(GitRefKind.Branch, head);
        }

        if (!GitRefName.IsCommitLike(gitRef))
        {
            return null;
        }

        try
        {
            // Tags and branches of that name were ruled out above, so revparse can only match an object id prefix.
            var found = gitRef.Length == FullShaLength
                ? repository.Lookup(new ObjectId(gitRef))
                : repository.Lookup(gitRef);
            return found is Commit commit ? new GitResolvedRef(GitRefKind.Commit, commit.Sha) : null;
        }
        catch (AmbiguousSpecificationException e)
        {
            throw new GitFetchException(
                $"Ref '{gitRef}' is ambiguous in {GitUrl.ForDisplay(url)}: several objects start with it. Give more hex digits of the commit.", e);
        }
    }

    private static string? PeelToCommit(Reference? reference)
    {
        try
        {
            return reference?.ResolveToDirectReference()?.Target switch
            {
                Commit commit => commit.Sha,
                TagAnnotation annotation => annotation.Peel<Commit>()?.Sha,
                _ => null,
            };
        }
        catch (PeelException)
        {
            // An annotated tag of a tree or a blob names no commit.
            return null;
        }
    }
}
