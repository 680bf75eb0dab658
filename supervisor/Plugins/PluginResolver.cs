using Cuvis.Sandbox.Supervisor.Plugins.Building;
using Cuvis.Sandbox.Supervisor.Plugins.Cache;
using Cuvis.Sandbox.Supervisor.Plugins.Git;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// Fetches and builds the plugin a manifest entry names, through the caches shared by all
/// sessions. Runs in the supervisor but never loads plugin code: building happens in a separate
/// process and loading in the session's worker. Whatever comes from this machine's file system,
/// a local directory or a git repository given by path or <c>file://</c> URL, passes the one
/// <see cref="LocalPluginPolicy"/>; every plugin's sources are held to <see cref="SourceLimits"/>.
/// The cache entries a preparation reads or writes are pinned meanwhile, and handed over pinned
/// (<see cref="PreparedPlugin.HandOver"/>); a preparation that added to the cache asks for an
/// eviction pass.
/// </summary>
internal sealed class PluginResolver(
    GitRepositoryCache git, PluginBuilder builder, LocalPluginPolicy localPolicy, PluginCacheUsage usage, PluginCacheEvictor evictor,
    IOptions<PluginOptions> options)
{
    public async Task<PreparedPlugin> PrepareAsync(PluginSpec spec, CancellationToken cancellationToken)
    {
        var limits = SourceLimits.From(options.Value);
        return spec switch
        {
            GitPluginSpec gitSpec => await PrepareGitAsync(gitSpec, limits, cancellationToken),
            LocalPluginSpec localSpec => await PrepareLocalAsync(localSpec, limits, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "Unknown plugin kind."),
        };
    }

    /// <summary>
    /// Clears the shared caches of one plugin name ("" = all); returns the repositories removed.
    /// Entries in use go too: sessions run their own copies, and the next load fetches and builds
    /// again. An entry being read (held: <see cref="EntryHold"/>) goes once the read is done.
    /// </summary>
    public async Task<int> ClearAsync(string pluginName, CancellationToken cancellationToken)
    {
        var repositories = await git.ClearAsync(pluginName, cancellationToken);
        await builder.RemoveAsync(pluginName.Length == 0 ? null : pluginName, cancellationToken);
        return repositories;
    }

    private async Task<PreparedPlugin> PrepareGitAsync(GitPluginSpec spec, SourceLimits limits, CancellationToken cancellationToken)
    {
        var repository = localPolicy.ResolveRepository(spec.Repo);
        using var preparation = new Preparation(usage, evictor);
        var repositoryEntry = preparation.Pin(git.EntryDirectoryOf(repository));
        // Until the checkout says otherwise: a failed fetch may have cloned first.
        preparation.AddedToCache = true;
        var checkout = await git.CheckoutAsync(spec.Name, repository, spec.GitRef, limits, cancellationToken);
        preparation.AddedToCache = checkout.AddedToCache;
        if (spec.TagOnly && checkout.RefKind != GitRefKind.Tag)
        {
            throw GitFetchException.NotATag(spec.Repo, spec.GitRef, checkout.RefKind);
        }

        var buildKey = $"git-{checkout.CacheKey}-{checkout.Commit}";
        var buildEntry = preparation.Pin(builder.EntryDirectoryOf(buildKey));
        var build = await builder.BuildAsync(spec.Name, new PluginSources(checkout.SourceDirectory, git.HoldTree(checkout)), buildKey, cancellationToken);
        preparation.AddedToCache |= build.AddedToCache;
        return preparation.HandOver(build, checkout.Commit, build.CacheEntry is null ? [repositoryEntry] : [buildEntry, repositoryEntry]);
    }

    private async Task<PreparedPlugin> PrepareLocalAsync(LocalPluginSpec spec, SourceLimits limits, CancellationToken cancellationToken)
    {
        var directory = localPolicy.Resolve(spec.Path);
        var hash = await SourceHash.ComputeAsync(directory, new SourceBudget(limits, spec.Name, directory), cancellationToken);
        using var preparation = new Preparation(usage, evictor);
        var buildKey = $"local-{hash}";
        var buildEntry = preparation.Pin(builder.EntryDirectoryOf(buildKey));
        var build = await builder.BuildAsync(spec.Name, directory, buildKey, cancellationToken);
        preparation.AddedToCache = build.AddedToCache;
        return preparation.HandOver(build, "", build.CacheEntry is null ? [] : [buildEntry]);
    }

    /// <summary>The pins of one preparation; disposing releases them and asks for eviction if it added to the cache.</summary>
    private sealed class Preparation(PluginCacheUsage usage, PluginCacheEvictor evictor) : IDisposable
    {
        private readonly List<IDisposable> _pins = [];

        public bool AddedToCache { get; set; }

        public string Pin(string entry)
        {
            _pins.Add(usage.Acquire([entry]));
            return entry;
        }

        /// <summary>Pins <paramref name="entries"/> for the caller before this preparation's own pins go.</summary>
        public PreparedPlugin HandOver(BuiltPlugin build, string commit, IReadOnlyList<string> entries) =>
            new(build, commit) { CacheEntries = entries, HandOver = usage.HandOver(entries) };

        public void Dispose()
        {
            foreach (var pin in _pins)
            {
                pin.Dispose();
            }

            if (AddedToCache)
            {
                evictor.RequestRun();
            }
        }
    }
}
