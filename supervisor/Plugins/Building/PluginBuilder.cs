using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// Turns a plugin's sources into a loadable build, cached by a key naming exactly those sources
/// (repository and commit, or a content hash): the second load of unchanged sources does no
/// build. Builds run in a separate process (<see cref="IPluginBuildRunner"/>) on a private copy
/// of the sources, and are published into the cache by an atomic rename, so a crash mid-build
/// never leaves an entry a later load would trust. One build per key at a time.
/// </summary>
internal sealed partial class PluginBuilder
{
    private const string MainAssemblyFile = "main-assembly";
    private const string OutputFolder = "out";
    private const string PluginNamesFile = "plugin-names";

    private readonly IPluginBuildRunner _runner;
    private readonly ContractsFeed _feed;
    private readonly PluginOptions _options;
    private readonly ILogger<PluginBuilder> _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public PluginBuilder(IPluginBuildRunner runner, ContractsFeed feed, IOptions<PluginOptions> options, ILogger<PluginBuilder> logger)
    {
        _runner = runner;
        _feed = feed;
        _options = options.Value;
        _logger = logger;
        BuildsRoot = Path.Combine(_options.CacheDirectory, "builds");
        WorkRoot = Path.Combine(_options.CacheDirectory, "tmp-builds");
    }

    public string BuildsRoot { get; }

    private string WorkRoot { get; }

    public async Task<BuiltPlugin> BuildAsync(string pluginName, string sourceDirectory, string buildKey, CancellationToken cancellationToken)
    {
        var projects = Directory.GetFiles(sourceDirectory, "*.csproj", SearchOption.TopDirectoryOnly);
        if (projects.Length == 0)
        {
            return FindPrebuilt(sourceDirectory) ?? throw new PluginLoadException(
                $"No plugin found in {sourceDirectory}: expected one class library project (*.csproj) at its root, "
                + "or an already built plugin (its assemblies and one .deps.json).");
        }

        if (projects.Length > 1)
        {
            throw new PluginLoadException(
                $"{sourceDirectory} holds {projects.Length} projects ({string.Join(", ", projects.Select(Path.GetFileName))}); "
                + "a plugin has exactly one class library project at its root.");
        }

        var entry = Path.Combine(BuildsRoot, buildKey);
        var gate = _locks.GetOrAdd(buildKey, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var built = ReadEntry(entry);
            if (built is not null)
            {
                Log.CacheHit(_logger, pluginName, buildKey);
            }
            else
            {
                built = await BuildIntoCacheAsync(pluginName, sourceDirectory, Path.GetFileName(projects[0]), entry, cancellationToken);
            }

            RecordName(entry, pluginName);
            return built;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Removes every cached build made or served under <paramref name="pluginName"/> (all when null).</summary>
    public int Remove(string? pluginName)
    {
        if (!Directory.Exists(BuildsRoot))
        {
            return 0;
        }

        var removed = 0;
        foreach (var entry in Directory.EnumerateDirectories(BuildsRoot))
        {
            var names = Path.Combine(entry, PluginNamesFile);
            if (pluginName is null || (File.Exists(names) && File.ReadAllLines(names).Contains(pluginName, StringComparer.Ordinal)))
            {
                Directory.Delete(entry, recursive: true);
                removed++;
            }
        }

        return removed;
    }

    private static void RecordName(string entry, string pluginName)
    {
        var names = Path.Combine(entry, PluginNamesFile);
        if (!File.Exists(names) || !File.ReadAllLines(names).Contains(pluginName, StringComparer.Ordinal))
        {
            File.AppendAllLines(names, [pluginName]);
        }
    }

    private async Task<BuiltPlugin> BuildIntoCacheAsync(
        string pluginName, string sourceDirectory, string project, string entry, CancellationToken cancellationToken)
    {
        var package = _feed.FindPackage();
        var layout = new BuildLayout(Path.Combine(WorkRoot, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))));
        try
        {
            DirectoryCopy.Copy(sourceDirectory, layout.Sources, SourceHash.Files(sourceDirectory));
            WriteBuildRoot(layout, package);
            var view = _runner.ViewOf(layout.Root);
            var projectPath = Path.Combine("src", project);

            Log.Building(_logger, pluginName, Path.GetFileName(entry));
            var run = await _runner.RunAsync(layout,
                [
                    new BuildStep(["restore", projectPath, "--nologo", "--disable-build-servers", "-v", "quiet", "-p:EnableDynamicLoading=true"], Network: true),
                    new BuildStep(
                        [
                            "build", projectPath, "--no-restore", "-c", "Release", "-o", Path.Combine("publish", OutputFolder),
                            "--nologo", "--disable-build-servers", "-v", "quiet",
                            // A plugin is loaded dynamically: its NuGet dependencies must be in its output.
                            "-p:EnableDynamicLoading=true",
                        ], Network: false),
                ],
                _options.BuildTimeout, cancellationToken);
            if (run.TimedOut)
            {
                throw new PluginLoadException(
                    $"Building plugin '{pluginName}' did not finish within {_options.BuildTimeout.TotalSeconds:0} s and was stopped (Plugins:BuildTimeout).");
            }

            if (run.ExitCode != 0)
            {
                throw new PluginLoadException(DescribeFailure(pluginName, run, Path.Combine(view, "src")));
            }

            var main = MainAssemblyOf(layout.Output, Path.GetFileNameWithoutExtension(project)) ?? throw new PluginLoadException(
                $"Building plugin '{pluginName}' produced no {Path.GetFileNameWithoutExtension(project)}.deps.json in its output; is {project} a class library?");
            // What the build wrote becomes the supervisor's and read-only before anyone loads it.
            PublishedEntry.Seal(layout.Output);
            await File.WriteAllTextAsync(Path.Combine(layout.Publish, MainAssemblyFile), main, cancellationToken);

            Directory.CreateDirectory(BuildsRoot);
            Directory.Move(layout.Publish, entry);
            Log.Built(_logger, pluginName, Path.GetFileName(entry));
            return new BuiltPlugin(Path.Combine(entry, OutputFolder), main);
        }
        finally
        {
            if (Directory.Exists(layout.Root))
            {
                Directory.Delete(layout.Root, recursive: true);
            }
        }
    }

    private static BuiltPlugin? ReadEntry(string entry)
    {
        var marker = Path.Combine(entry, MainAssemblyFile);
        return File.Exists(marker) ? new BuiltPlugin(Path.Combine(entry, OutputFolder), File.ReadAllText(marker).Trim()) : null;
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

    private static string DescribeFailure(string pluginName, BuildRun run, string sources)
    {
        var errors = BuildErrors.Extract(run.Output, sources);
        if (errors.Count > 0)
        {
            return $"Building plugin '{pluginName}' failed:\n  " + string.Join("\n  ", errors);
        }

        var tail = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(15);
        return $"Building plugin '{pluginName}' failed (dotnet build exit code {run.ExitCode}):\n  " + string.Join("\n  ", tail);
    }

    private void WriteBuildRoot(BuildLayout layout, string contractsPackage)
    {
        foreach (var directory in (string[])[layout.Home, layout.Packages, layout.Feed, layout.Output])
        {
            Directory.CreateDirectory(directory);
        }

        File.Copy(contractsPackage, Path.Combine(layout.Feed, Path.GetFileName(contractsPackage)));

        // Stop MSBuild from importing anything above the build folder, and give restore the
        // contracts feed and the configured sources only: <clear/> drops every inherited source.
        const string Empty = "<Project />\n";
        File.WriteAllText(Path.Combine(layout.Root, "Directory.Build.props"), Empty);
        File.WriteAllText(Path.Combine(layout.Root, "Directory.Build.targets"), Empty);
        File.WriteAllText(Path.Combine(layout.Root, "Directory.Packages.props"),
            "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
        var sources = _options.PackageSources.Count == 0 ? [PluginOptions.DefaultPackageSource] : _options.PackageSources;
        var entries = string.Join("\n", sources.Select((source, i) =>
            $"    <add key=\"source-{i + 1}\" value=\"{System.Security.SecurityElement.Escape(source)}\" />"));
        File.WriteAllText(Path.Combine(layout.Root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="cuvis-sandbox-contracts" value="feed" />
            {entries}
              </packageSources>
            </configuration>
            """);
    }

    private static partial class Log
    {
        [LoggerMessage(2450, LogLevel.Information, "Plugin {PluginName}: build {BuildKey} served from the cache (no build)")]
        public static partial void CacheHit(ILogger logger, string pluginName, string buildKey);

        [LoggerMessage(2451, LogLevel.Information, "Plugin {PluginName}: building {BuildKey}")]
        public static partial void Building(ILogger logger, string pluginName, string buildKey);

        [LoggerMessage(2452, LogLevel.Information, "Plugin {PluginName}: built {BuildKey}")]
        public static partial void Built(ILogger logger, string pluginName, string buildKey);
    }
}
