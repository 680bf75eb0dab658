using System.Collections.Concurrent;
using Cuvis.Sandbox.Supervisor.Diagnostics;
using Cuvis.Sandbox.Supervisor.Plugins.Cache;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// Turns a plugin's sources into a loadable build, cached by a key naming exactly those sources
/// (repository and commit, or a content hash): the second load of unchanged sources does no
/// build. Builds run in a separate process (<see cref="IPluginBuildRunner"/>) on a private copy
/// of the sources, and are published into the cache by an atomic rename, so a crash mid-build
/// never leaves an entry a later load would trust. One build per key at a time, and at most
/// <see cref="PluginOptions.MaxConcurrentBuilds"/> builds over all keys.
/// </summary>
internal sealed partial class PluginBuilder
{
    private const string MainAssemblyFile = "main-assembly";
    private const string OutputFolder = "out";
    private const string PluginNamesFile = "plugin-names";

    private readonly IPluginBuildRunner _runner;
    private readonly ContractsFeed _feed;
    private readonly PluginOptions _options;
    private readonly SandboxMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PluginBuilder> _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly BuildSlots _slots;
    private readonly Lock _prepareGate = new();
    private bool _prepared;

    public PluginBuilder(
        IPluginBuildRunner runner, ContractsFeed feed, IOptions<PluginOptions> options, SandboxMetrics metrics,
        TimeProvider timeProvider, ILogger<PluginBuilder> logger)
    {
        _runner = runner;
        _feed = feed;
        _options = options.Value;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _slots = new BuildSlots(_options.MaxConcurrentBuilds);
        BuildsRoot = Path.Combine(_options.CacheDirectory, "builds");
        WorkRoot = Path.Combine(_options.CacheDirectory, "tmp-builds");
    }

    /// <summary>Where published builds live, one directory per build key.</summary>
    public string BuildsRoot { get; }

    private string WorkRoot { get; }

    /// <summary>Builds the plugin in <paramref name="sourceDirectory"/>, a directory outside the cache that nothing of the server removes.</summary>
    public Task<BuiltPlugin> BuildAsync(string pluginName, string sourceDirectory, string buildKey, CancellationToken cancellationToken) =>
        BuildAsync(pluginName, new PluginSources(sourceDirectory, EntryHold.None), buildKey, cancellationToken);

    /// <summary>
    /// Builds the plugin in <paramref name="sources"/>, or serves its build from the cache; a
    /// directory holding a build output is served where it is. The sources are read only while
    /// held, and so is the published build while it is copied (<see cref="BuiltPlugin.Hold"/>).
    /// </summary>
    /// <exception cref="PluginCacheClearedException">The sources were removed from the cache before they could be read.</exception>
    public async Task<BuiltPlugin> BuildAsync(string pluginName, PluginSources sources, string buildKey, CancellationToken cancellationToken)
    {
        string[] projects;
        using (await sources.Hold.AcquireAsync(cancellationToken))
        {
            projects = Directory.GetFiles(sources.Directory, "*.csproj", SearchOption.TopDirectoryOnly);
            if (projects.Length == 0)
            {
                return FindPrebuilt(sources.Directory) is { } prebuilt ? prebuilt with { Hold = sources.Hold } : throw new PluginLoadException(
                    $"No plugin found in {sources.Directory}: expected one class library project (*.csproj) at its root, "
                    + "or an already built plugin (its assemblies and one .deps.json).");
            }
        }

        if (projects.Length > 1)
        {
            throw new PluginLoadException(
                $"{sources.Directory} holds {projects.Length} projects ({string.Join(", ", projects.Select(Path.GetFileName))}); "
                + "a plugin has exactly one class library project at its root.");
        }

        var entry = EntryDirectoryOf(buildKey);
        var gate = Gate(buildKey);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var built = ReadEntry(entry);
            if (built is not null)
            {
                Log.CacheHit(_logger, pluginName, buildKey);
                _metrics.CacheHit("build");
            }
            else
            {
                _metrics.CacheMiss("build");
                built = await BuildIntoCacheAsync(pluginName, sources, Path.GetFileName(projects[0]), entry, cancellationToken);
            }

            RecordName(entry, pluginName);
            LastUsedFile.Touch(entry, _timeProvider.GetUtcNow());
            return built;
        }
        finally
        {
            gate.Release();
        }
    }

    private static BuiltPlugin? FindPrebuilt(string directory) =>
        MainAssemblyOf(directory, projectName: null) is { } main ? new BuiltPlugin(directory, main) : null;

    /// <summary>
    /// The main assembly of a build output: the one named after the project when known, else the
    /// one whose .deps.json lists every other .deps.json owner as a library (project references
    /// leave their own .deps.json beside the plugin's).
    /// </summary>
    private static string? MainAssemblyOf(string directory, string? projectName)
    {
        var owners = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.deps.json").Select(d => Path.GetFileName(d)[..^".deps.json".Length]).ToArray()
            : [];
        var name = owners.FirstOrDefault(o => o == projectName)
            ?? owners.SingleOrDefault(o => owners.Where(other => other != o).All(other => DepsJson.ListsLibrary(directory, o, other)));
        return name is not null && File.Exists(Path.Combine(directory, name + ".dll")) ? name + ".dll" : null;
    }
}
