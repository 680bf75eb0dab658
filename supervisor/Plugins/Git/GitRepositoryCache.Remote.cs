namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

internal sealed partial class GitRepositoryCache
{
    /// <summary>Clones into tmp/ and publishes the complete entry (git/, trees/, plugin-names) with one rename.</summary>
    private async Task CloneAsync(Request request, CancellationToken cancellationToken)
    {
        Log.Cloning(_logger, request.PluginName, request.DisplayUrl, request.Key);
        Interlocked.Increment(ref _cloneCount);
        var work = _layout.CreateWorkDirectory();
        try
        {
            var git = Path.Combine(work, "git");
            GitCacheLayout.CreatePrivateDirectory(git);
            await WithNetworkTimeoutAsync(request, token => request.Remote.CloneAsync(request.Url, git, token), cancellationToken);
            GitCacheLayout.CreatePrivateDirectory(Path.Combine(work, "trees"));
            PluginNamesFile.Add(Path.Combine(work, "plugin-names"), request.PluginName);
            Directory.Move(work, _layout.EntryDirectory(request.Key));
        }
        finally
        {
            // A clone that outlived its caller still writes into the work directory.
            request.Lease.AfterOutstanding(() => RemoveLeftover(work));
        }
    }

    /// <summary>
    /// Fetches in place: git writes objects before the refs that name them and updates each ref
    /// with a rename, so an interrupted fetch leaves the old refs, never a ref to a missing object.
    /// </summary>
    private async Task FetchAsync(Request request, string gitDirectory, CancellationToken cancellationToken)
    {
        Log.Fetching(_logger, request.PluginName, request.DisplayUrl, request.Ref);
        Interlocked.Increment(ref _fetchCount);
        await WithNetworkTimeoutAsync(request, token => request.Remote.FetchAsync(request.Url, gitDirectory, token), cancellationToken);
    }

    private async Task WithNetworkTimeoutAsync(Request request, Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.NetworkTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var running = operation(linked.Token);
        try
        {
            // libgit2 sees the token only while data flows; stop waiting for a silent server anyway.
            await running.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            request.Lease.HoldUntil(running);
            Log.RemoteFailed(_logger, request.PluginName, request.DisplayUrl, "timed out");
            throw GitFetchException.RepositoryNotFound(request.Url,
                $"no answer within {_options.NetworkTimeout.TotalSeconds:0.#} s (the git network timeout); try again later.", e);
        }
        catch (OperationCanceledException)
        {
            request.Lease.HoldUntil(running);
            throw;
        }
        catch (GitFetchException e)
        {
            Log.RemoteFailed(_logger, request.PluginName, request.DisplayUrl, e.Message);
            throw;
        }
    }
}
