using Cuvis.Sandbox.Protos.Worker.V1;
using Cuvis.Sandbox.Supervisor.Plugins.Building;
using Cuvis.Sandbox.Supervisor.Plugins.Cache;
using Cuvis.Sandbox.Supervisor.Sessions;
using Cuvis.Sandbox.Supervisor.Workers;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// LoadPlugins for one session: validates the manifest, fetches and builds its entries in
/// parallel, then loads them into the session's worker one by one in manifest order. Each entry
/// succeeds or fails on its own; a plugin is registered in the session only after its worker
/// loaded all of it.
/// </summary>
internal sealed partial class SessionPluginLoader(
    PluginResolver resolver, PluginCacheUsage cacheUsage, IOptions<PluginOptions> options, ILogger<SessionPluginLoader> logger)
{
    /// <summary>Preparations of one entry when ClearPluginCache keeps removing what it fetched or built.</summary>
    private const int MaxAttempts = 3;

    public Task<LoadPluginsOutcome> LoadAsync(
        Session session, ReadOnlyMemory<byte> manifest, DateTime deadline, CancellationToken cancellationToken) =>
        LoadEntriesAsync(session, PluginManifestParser.Parse(manifest, options.Value.MaxManifestEntries), deadline, cancellationToken);

    /// <summary>
    /// LoadPlugin: one plugin from upstream's manifest, through the same fetch, contained build and
    /// worker load as LoadPlugins. A manifest that fails its schema throws
    /// <see cref="InvalidManifestException"/>; a plugin that cannot be served, fetched, built or
    /// loaded answers with the reason, as upstream's <c>error</c>, and leaves the session as it was.
    /// </summary>
    /// <returns>The registered plugin's name, or the reason it was not loaded.</returns>
    public async Task<(string? Registered, string? Error)> LoadSingleAsync(
        Session session, ReadOnlyMemory<byte> manifest, DateTime deadline, CancellationToken cancellationToken)
    {
        var parsed = SinglePluginManifestParser.Parse(manifest);
        var name = parsed.Spec.Name;
        if (parsed.DataModules.FirstOrDefault() is { } module)
        {
            var error = $"Plugin '{name}' declares the data module '{module.DataModuleName}' ({module.ClassName}), but this server runs "
                + "training-free pipelines and has no data modules: declare only node capabilities.";
            Log.PluginFailed(logger, session.Id.Value, name, error);
            return (null, error);
        }

        var outcome = await LoadEntriesAsync(session, [new ManifestEntry(name, parsed.Spec, null)], deadline, cancellationToken);
        return outcome.Failed.TryGetValue(name, out var reason) ? (null, reason) : (name, null);
    }

    private async Task<LoadPluginsOutcome> LoadEntriesAsync(
        Session session, IReadOnlyList<ManifestEntry> entries, DateTime deadline, CancellationToken cancellationToken)
    {
        var loaded = new List<string>();
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);

        await session.Plugins.LoadGate.WaitAsync(cancellationToken);
        try
        {
            // Fetch and build everything new at once, up to the session's plugin limit (in manifest
            // order, so nothing past it is built); loading into the worker stays in order.
            var fresh = entries.Where(e => e.Spec is not null && session.Plugins.Find(e.Name) is null).ToList();
            var room = Math.Max(0, options.Value.MaxPluginsPerSession - session.Plugins.Snapshot().Count);
            var overLimit = fresh.Skip(room).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
            var prepared = fresh.Take(room)
                .ToDictionary(e => e.Name, e => PrepareAsync(e.Spec!, cancellationToken), StringComparer.Ordinal);

            foreach (var entry in entries)
            {
                var error = entry.Error
                    ?? (overLimit.Contains(entry.Name) ? OverLimit(entry.Name) : null)
                    ?? (prepared.TryGetValue(entry.Name, out var preparing)
                        ? await LoadOneAsync(session, entry.Spec!, preparing, deadline, cancellationToken)
                        : CheckAlreadyLoaded(session, entry.Spec!));
                if (error is null)
                {
                    loaded.Add(entry.Name);
                }
                else
                {
                    failed[entry.Name] = error;
                    Log.PluginFailed(logger, session.Id.Value, entry.Name, error);
                }
            }
        }
        finally
        {
            session.Plugins.LoadGate.Release();
        }

        return new LoadPluginsOutcome(loaded, failed);
    }

    private async Task<(PreparedPlugin? Plugin, string? Error)> PrepareAsync(PluginSpec spec, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await resolver.PrepareAsync(spec, cancellationToken), null);
            }
            catch (PluginCacheClearedException) when (attempt < MaxAttempts)
            {
                // Cleared between the fetch and the build: fetch and build again.
            }
            catch (PluginCacheClearedException)
            {
                return (null, PluginCacheClearedException.GaveUp(spec.Name, MaxAttempts));
            }
            catch (SandboxException e)
            {
                return (null, e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // One entry's file-system trouble must not fail the other entries.
                return (null, $"Could not prepare plugin '{spec.Name}': {e.Message}");
            }
        }
    }

    private async Task<string?> LoadOneAsync(
        Session session, PluginSpec spec, Task<(PreparedPlugin? Plugin, string? Error)> preparing, DateTime deadline, CancellationToken cancellationToken)
    {
        var (plugin, error) = await preparing;
        var staged = Path.Combine(session.PluginDirectory, spec.Name);
        for (var attempt = 1; plugin is not null; attempt++)
        {
            try
            {
                await StageAsync(plugin.Build, staged, cancellationToken);
                break;
            }
            catch (PluginCacheClearedException)
            {
                plugin.HandOver?.Dispose();
                if (attempt == MaxAttempts)
                {
                    return PluginCacheClearedException.GaveUp(spec.Name, MaxAttempts);
                }

                Log.ClearedWhileStaging(logger, session.Id.Value, spec.Name);
                (plugin, error) = await PrepareAsync(spec, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                plugin.HandOver?.Dispose();
                return $"Could not copy plugin '{spec.Name}' into the session: {e.Message}";
            }
        }

        if (plugin is null)
        {
            return error;
        }

        // The build stays pinned until it is staged and the session holds its own lease.
        using var handOver = plugin.HandOver;
        var loaded = new LoadedPlugin(spec, plugin.Commit, staged, plugin.Build.MainAssembly);
        Worker? loadedInto = null;
        LoadPluginResponse response;
        try
        {
            response = await session.Worker.CallAsync("LoadPlugin", (worker, call) =>
            {
                loadedInto = worker;
                return worker.Client.LoadPluginAsync(loaded.StageInto(worker), call);
            }, deadline, cancellationToken);
        }
        catch
        {
            Directory.Delete(staged, recursive: true);
            throw;
        }

        if (!response.Loaded)
        {
            Directory.Delete(staged, recursive: true);
            return response.Error;
        }

        if (!session.Worker.RecordIfCurrent(loadedInto!, () =>
        {
            session.Plugins.Add(loaded);
            session.HoldCacheEntries(cacheUsage.Acquire(plugin.CacheEntries));
        }))
        {
            return $"The session's worker crashed right after loading plugin '{spec.Name}', so the recovered session "
                + "does not have it. Load it again.";
        }

        Log.PluginLoaded(logger, session.Id.Value, spec.Name, spec.Source, plugin.Commit, response.Nodes.Count);
        return null;
    }

    /// <summary>
    /// Copies the build into the session: a private copy per session, outside any worker's
    /// directory, since the shared cache may be cleared or evicted while the session still needs
    /// the plugin's assemblies (dependencies load lazily, and a recovery loads them again). The
    /// worker sees it read-only. The build is held while it is copied, so the copy is of one
    /// published build, whole; a copy cut short is removed.
    /// </summary>
    private static async Task StageAsync(BuiltPlugin build, string staged, CancellationToken cancellationToken)
    {
        RemoveStaged(staged);
        try
        {
            using (await build.Hold.AcquireAsync(cancellationToken))
            {
                DirectoryCopy.Copy(build.Directory, staged, DirectoryCopy.AllFiles(build.Directory));
            }

            PublishedEntry.Seal(staged);
        }
        catch
        {
            RemoveStaged(staged);
            throw;
        }
    }

    private static void RemoveStaged(string staged)
    {
        if (Directory.Exists(staged))
        {
            Directory.Delete(staged, recursive: true);
        }
    }

    private string OverLimit(string name) =>
        $"Plugin '{name}' was not loaded: a session holds at most {options.Value.MaxPluginsPerSession} plugins "
        + "(Plugins:MaxPluginsPerSession), and this one would be past that. Use another session for more plugins.";

    private static string? CheckAlreadyLoaded(Session session, PluginSpec spec)
    {
        var existing = session.Plugins.Find(spec.Name)!;
        if (existing.Spec.SameOrigin(spec))
        {
            return null;
        }

        var origin = existing.Spec.Ref.Length == 0 ? existing.Spec.Source : $"{existing.Spec.Source} at {existing.Spec.Ref}";
        return $"Plugin '{spec.Name}' is already loaded in this session from {origin}. "
            + "A session holds one plugin per name: use another name, or a new session for the other version.";
    }

    private static partial class Log
    {
        [LoggerMessage(2500, LogLevel.Information, "Session {SessionId}: plugin {PluginName} loaded from {Source} {Commit} ({NodeCount} nodes)")]
        public static partial void PluginLoaded(ILogger logger, string sessionId, string pluginName, string source, string commit, int nodeCount);

        [LoggerMessage(2501, LogLevel.Information, "Session {SessionId}: plugin {PluginName} not loaded: {Reason}")]
        public static partial void PluginFailed(ILogger logger, string sessionId, string pluginName, string reason);

        [LoggerMessage(2502, LogLevel.Information, "Session {SessionId}: the cache entries of plugin {PluginName} were cleared before they were copied; preparing it again")]
        public static partial void ClearedWhileStaging(ILogger logger, string sessionId, string pluginName);
    }
}
