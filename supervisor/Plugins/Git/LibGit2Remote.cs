using LibGit2Sharp;

namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// Clone and fetch in process with LibGit2Sharp, for local paths, <c>file://</c> and http(s).
/// A clone is <c>init --bare</c> plus a fetch, so both use the same refspecs and error handling.
/// </summary>
internal sealed class LibGit2Remote : IGitRemote
{
    private const string RemoteName = "origin";

    public Task CloneAsync(string url, string gitDirectory, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            ThrowIfLocalRepositoryMissing(url);
            Repository.Init(gitDirectory, isBare: true);
            using var repository = new Repository(gitDirectory);
            // The configured refspec matches the fetch's, so libgit2 writes no remote-tracking refs beside them.
            repository.Network.Remotes.Add(RemoteName, url, IGitRemote.RefSpecs[0]);
            Fetch(repository, url, cancellationToken);
        }, cancellationToken);

    public Task FetchAsync(string url, string gitDirectory, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            ThrowIfLocalRepositoryMissing(url);
            using var repository = new Repository(gitDirectory);
            Fetch(repository, url, cancellationToken);
        }, cancellationToken);

    private static void Fetch(Repository repository, string url, CancellationToken cancellationToken)
    {
        // libgit2 cannot be interrupted from outside; it asks these callbacks while data flows.
        var options = new FetchOptions
        {
            TagFetchMode = TagFetchMode.None,
            Prune = true,
            OnTransferProgress = _ => !cancellationToken.IsCancellationRequested,
            OnProgress = _ => !cancellationToken.IsCancellationRequested,
        };

        try
        {
            Commands.Fetch(repository, RemoteName, IGitRemote.RefSpecs, options, logMessage: null);
        }
        catch (UserCancelledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (LibGit2SharpException e)
        {
            throw GitFetchException.RepositoryNotFound(url, e.Message, e);
        }
    }

    private static void ThrowIfLocalRepositoryMissing(string url)
    {
        // For a missing plain path libgit2 only says "unsupported URL protocol".
        var path = url.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(url).LocalPath
            : Path.IsPathFullyQualified(url) ? url
            : null;
        if (path is not null && !Directory.Exists(path))
        {
            throw GitFetchException.RepositoryNotFound(url, $"there is no directory '{path}' on the server.");
        }
    }
}
