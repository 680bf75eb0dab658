using Cuvis.Sandbox.Supervisor.Diagnostics;
using Cuvis.Sandbox.Supervisor.Plugins.Building;
using Cuvis.Sandbox.Supervisor.Plugins.Git;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins.Cache;

/// <summary>
/// Keeps the plugin cache within <see cref="PluginOptions.CacheSizeLimitBytes"/>. A pass weighs
/// every entry, each build and each git repository with its clone and trees (bytes of regular
/// files; links are not followed), and while the total is over the limit removes the least
/// recently used entry that <see cref="PluginCacheUsage"/> does not pin. An entry leaves its cache
/// with one rename before it is deleted, so a lookup finds it whole or not at all. Passes run one
/// at a time: at start, after each preparation that added to the cache, and when a lease is
/// released after a pass that had to stop over the limit because the rest was in use.
/// </summary>
/// <remarks>
/// Restored NuGet packages are no entry: each build restores into a folder of its own, removed
/// with the build's work directory, so nothing of a restore stays in the cache.
/// </remarks>
internal sealed partial class PluginCacheEvictor : IHostedService
{
    private const string BuildKind = "build";
    private const string GitKind = "git";

    private readonly PluginBuilder _builds;
    private readonly GitRepositoryCache _git;
    private readonly PluginCacheUsage _usage;
    private readonly SandboxMetrics _metrics;
    private readonly IOptions<PluginOptions> _options;
    private readonly ILogger<PluginCacheEvictor> _logger;
    private readonly Lock _gate = new();
    private Task _tail = Task.CompletedTask;
    private bool _queued;
    private bool _overLimit;

    public PluginCacheEvictor(
        PluginBuilder builds, GitRepositoryCache git, PluginCacheUsage usage, SandboxMetrics metrics,
        IOptions<PluginOptions> options, ILogger<PluginCacheEvictor> logger)
    {
        _builds = builds;
        _git = git;
        _usage = usage;
        _metrics = metrics;
        _options = options;
        _logger = logger;
        // A cache left over its limit by pinned entries shrinks when they are let go (a session
        // closes), not only at the next build.
        usage.Released += () =>
        {
            if (Volatile.Read(ref _overLimit))
            {
                RequestRun();
            }
        };
    }

    private long Limit => _options.Value.CacheSizeLimitBytes;

    /// <summary>
    /// Asks for a pass in the background and returns at once. A pass that has not started yet
    /// covers every request made before it starts, so a burst of builds costs one more pass.
    /// </summary>
    public void RequestRun()
    {
        if (Limit == 0)
        {
            return;
        }

        Task<EvictionPass> pass;
        lock (_gate)
        {
            if (_queued)
            {
                return;
            }

            _queued = true;
            pass = Enqueue(queued: true, CancellationToken.None);
        }

        _ = pass.ContinueWith(failed => Log.PassFailed(_logger, failed.Exception!.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>Runs a pass after any running one, and returns what it did.</summary>
    public Task<EvictionPass> RunAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Enqueue(queued: false, cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        RequestRun();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task<EvictionPass> Enqueue(bool queued, CancellationToken cancellationToken)
    {
        var pass = RunAfterAsync(_tail, queued, cancellationToken);
        _tail = pass;
        return pass;
    }

    private async Task<EvictionPass> RunAfterAsync(Task previous, bool queued, CancellationToken cancellationToken)
    {
        // Only the order matters here: a failed pass logged its own failure.
        await previous.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return await Task.Run(() =>
        {
            if (queued)
            {
                lock (_gate)
                {
                    _queued = false;
                }
            }

            return Evict(cancellationToken);
        }, cancellationToken);
    }

    private EvictionPass Evict(CancellationToken cancellationToken)
    {
        var limit = Limit;
        if (limit == 0)
        {
            return EvictionPass.Unlimited;
        }

        var entries = Weigh(cancellationToken);
        var total = entries.Sum(e => e.Bytes);
        if (total <= limit)
        {
            Volatile.Write(ref _overLimit, false);
            Log.WithinLimit(_logger, total, entries.Count, limit);
            return new EvictionPass(total, total, []);
        }

        Log.OverLimit(_logger, total, entries.Count, limit);
        var remaining = total;
        var evicted = new List<string>();
        foreach (var entry in entries.OrderBy(e => e.LastUsed).ThenBy(e => e.Directory, StringComparer.Ordinal))
        {
            if (remaining <= limit)
            {
                break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (TryEvict(entry))
            {
                remaining -= entry.Bytes;
                evicted.Add(entry.Directory);
            }
        }

        var wasOverLimit = Volatile.Read(ref _overLimit);
        Volatile.Write(ref _overLimit, remaining > limit);
        if (remaining > limit)
        {
            // Warned once when it starts: while sessions hold the rest, every release retries.
            Log.StillOverLimit(_logger, wasOverLimit ? LogLevel.Debug : LogLevel.Warning, remaining, limit, evicted.Count);
        }
        else
        {
            Log.BackWithinLimit(_logger, remaining, limit, evicted.Count);
        }

        return new EvictionPass(total, remaining, evicted);
    }

    private List<Entry> Weigh(CancellationToken cancellationToken)
    {
        var entries = new List<Entry>();
        foreach (var (kind, directory) in _builds.Entries().Select(d => (BuildKind, d)).Concat(_git.Entries().Select(d => (GitKind, d))))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var bytes = FileTree.Walk(directory, []).Sum(e => e.Size);
                entries.Add(new Entry(kind, directory, bytes, LastUsedFile.Read(directory)));
            }
            catch (DirectoryNotFoundException)
            {
                // Cleared meanwhile.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.WeighFailed(_logger, directory, e.Message);
            }
        }

        return entries;
    }

    private bool TryEvict(Entry entry)
    {
        string? doomed;
        try
        {
            doomed = _usage.TakeOutUnlessPinned(entry.Directory,
                () => entry.Kind == GitKind ? _git.TryTakeOut(entry.Directory) : _builds.TryTakeOut(entry.Directory));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.EvictFailed(_logger, entry.Directory, e.Message);
            return false;
        }

        if (doomed is null)
        {
            return false;
        }

        _metrics.CacheEvicted(entry.Kind);
        Log.Evicted(_logger, entry.Kind, Path.GetFileName(entry.Directory), entry.Bytes, entry.LastUsed);
        try
        {
            GitCacheLayout.DeleteTree(doomed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Out of the cache already; its cache's work directory is swept on the next start.
            Log.EvictFailed(_logger, doomed, e.Message);
        }

        return true;
    }

    private sealed record Entry(string Kind, string Directory, long Bytes, DateTimeOffset LastUsed);
}
