using Cuvis.Sandbox.Supervisor.Diagnostics;
using Cuvis.Sandbox.Supervisor.Plugins.Cache;

namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// Fetches plugin repositories into a cache of bare clones and checked-out trees (layout in
/// <see cref="GitCacheLayout"/>). Tags and commits already cached are served without touching
/// the remote; a branch is resolved against the remote on every call. All work on one
/// repository is serialised by a per-repository lock, so concurrent callers share one clone and
/// one checkout of a commit.
/// </summary>
internal sealed partial class GitRepositoryCache
{
    private readonly GitCacheOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SandboxMetrics _metrics;
    private readonly ILogger<GitRepositoryCache> _logger;
    private readonly GitCacheLayout _layout;
    private readonly IGitRemote _libGit2Remote = new LibGit2Remote();
    private readonly IGitRemote _sshRemote;
    private readonly GitRepositoryLocks _locks;
    private readonly Lock _prepareGate = new();
    private bool _prepared;
    private long _cloneCount;
    private long _fetchCount;

    public GitRepositoryCache(GitCacheOptions options, TimeProvider timeProvider, SandboxMetrics metrics, ILogger<GitRepositoryCache> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SshCommand);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.NetworkTimeout, TimeSpan.Zero);
        _options = options;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _layout = new GitCacheLayout(options.Directory);
        _sshRemote = new GitCliRemote(options.SshCommand, options.CommandRunner);
        // A lock holder's network part is bounded by the timeout; the rest is local work.
        _locks = new GitRepositoryLocks(2 * options.NetworkTimeout);
    }

    /// <summary>Clones that reached a remote (successful or not).</summary>
    public long CloneCount => Interlocked.Read(ref _cloneCount);

    /// <summary>Fetches that reached a remote (successful or not).</summary>
    public long FetchCount => Interlocked.Read(ref _fetchCount);

    /// <summary>
    /// Makes <paramref name="gitRef"/> (a tag, a branch, or a commit of at least 7 hex digits) of
    /// <paramref name="repositoryUrl"/> available as a checked-out tree and returns where.
    /// <paramref name="pluginName"/> is recorded so <see cref="ClearAsync"/> can find the entry.
    /// A tree is written only within <paramref name="limits"/>; once written it is served as is.
    /// Repositories on this machine are fetched as given: callers apply
    /// <see cref="LocalPluginPolicy.ResolveRepository"/> first.
    /// </summary>
    /// <exception cref="GitFetchException">The URL or ref is refused, the repository cannot be reached, or the ref is not there.</exception>
    /// <exception cref="PluginLoadException">The commit's tree is past <paramref name="limits"/>.</exception>
    public async Task<GitCheckout> CheckoutAsync(
        string pluginName, string repositoryUrl, string gitRef, SourceLimits limits, CancellationToken cancellationToken)
    {
        PluginNamesFile.Validate(pluginName);
        var transport = GitUrl.Validate(repositoryUrl);
        GitRefName.Validate(gitRef);
        EnsurePrepared();

        var key = GitCacheLayout.CacheKey(repositoryUrl);
        var remote = transport == GitTransport.Ssh ? _sshRemote : _libGit2Remote;
        using var lease = await _locks.AcquireAsync(key, repositoryUrl, cancellationToken);
        return await CheckoutLockedAsync(new Request(pluginName, repositoryUrl, gitRef, key, remote, lease, limits), cancellationToken);
    }

    /// <summary>
    /// Removes every cached repository (with its trees) fetched under <paramref name="pluginName"/>,
    /// or all of them when it is "". Returns how many repositories were removed.
    /// </summary>
    public async Task<int> ClearAsync(string pluginName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pluginName);
        EnsurePrepared();
        var removed = 0;
        foreach (var entry in Directory.EnumerateDirectories(_layout.ReposDirectory).ToList())
        {
            var key = Path.GetFileName(entry);
            using var lease = await _locks.AcquireAsync(key, key, cancellationToken);
            if (Directory.Exists(entry)
                && (pluginName.Length == 0 || PluginNamesFile.Read(_layout.PluginNamesFile(key)).Contains(pluginName, StringComparer.Ordinal)))
            {
                _layout.RemoveEntry(key);
                removed++;
            }
        }

        Log.Cleared(_logger, pluginName.Length == 0 ? "(all)" : pluginName, removed);
        return removed;
    }

    private async Task<GitCheckout> CheckoutLockedAsync(Request request, CancellationToken cancellationToken)
    {
        var gitDirectory = _layout.GitDirectory(request.Key);
        var touchedRemote = false;
        var cloned = false;
        if (!Directory.Exists(_layout.EntryDirectory(request.Key)))
        {
            await CloneAsync(request, cancellationToken);
            touchedRemote = cloned = true;
        }
        else
        {
            PluginNamesFile.Add(_layout.PluginNamesFile(request.Key), request.PluginName);
        }

        var resolved = GitRefResolver.Resolve(gitDirectory, request.Url, request.Ref);
        // A branch may have moved; an unknown ref may have appeared since the last fetch.
        if (!touchedRemote && resolved is null or { Kind: GitRefKind.Branch })
        {
            await FetchAsync(request, gitDirectory, cancellationToken);
            touchedRemote = true;
            resolved = GitRefResolver.Resolve(gitDirectory, request.Url, request.Ref);
        }

        if (resolved is null)
        {
            throw GitFetchException.RefNotFound(request.Url, request.Ref);
        }

        var tree = _layout.TreeDirectory(request.Key, resolved.Commit);
        var wroteTree = !Directory.Exists(tree);
        if (wroteTree)
        {
            await WriteTreeAsync(request, resolved.Commit, tree, cancellationToken);
        }

        // A fetch that found nothing new still counts as a hit: the sources came from the cache.
        if (cloned || wroteTree)
        {
            _metrics.CacheMiss("git");
        }
        else
        {
            _metrics.CacheHit("git");
        }

        LastUsedFile.Touch(_layout.EntryDirectory(request.Key), _timeProvider.GetUtcNow());

        if (touchedRemote)
        {
            Log.Resolved(_logger, request.PluginName, request.DisplayUrl, request.Ref, resolved.Commit);
        }
        else
        {
            Log.ServedFromCache(_logger, request.PluginName, request.DisplayUrl, request.Ref, resolved.Commit);
        }

        return new GitCheckout(request.Url, request.Ref, resolved.Commit, tree, request.Key) { AddedToCache = touchedRemote || wroteTree, RefKind = resolved.Kind };
    }

    private async Task WriteTreeAsync(Request request, string commit, string tree, CancellationToken cancellationToken)
    {
        var work = _layout.CreateWorkDirectory();
        try
        {
            var budget = new SourceBudget(request.Limits, request.PluginName, $"commit {commit} of {request.DisplayUrl}");
            var writer = new GitTreeWriter(request.Url, commit, budget, cancellationToken);
            await Task.Run(() => writer.Write(_layout.GitDirectory(request.Key), work), cancellationToken);
            // Published whole: a tree under trees/ is always complete.
            Directory.Move(work, tree);
            Log.CheckedOut(_logger, request.PluginName, request.DisplayUrl, commit, tree);
        }
        finally
        {
            RemoveLeftover(work);
        }
    }

    private void EnsurePrepared()
    {
        lock (_prepareGate)
        {
            if (_prepared)
            {
                return;
            }

            // Before this instance starts any work, so whatever is in tmp/ is a crash's leftover.
            var leftovers = _layout.Prepare();
            Log.Prepared(_logger, _layout.Root, leftovers);
            _prepared = true;
        }
    }

    private void RemoveLeftover(string path)
    {
        try
        {
            GitCacheLayout.DeleteTree(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Swept on the next start.
            Log.RemoveFailed(_logger, path, e.Message);
        }
    }

    private sealed record Request(
        string PluginName, string Url, string Ref, string Key, IGitRemote Remote, GitRepositoryLocks.Lease Lease, SourceLimits Limits)
    {
        public string DisplayUrl { get; } = GitUrl.ForDisplay(Url);
    }
}
