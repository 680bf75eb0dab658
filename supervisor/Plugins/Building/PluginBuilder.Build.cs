using System.Security.Cryptography;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

internal sealed partial class PluginBuilder
{
    private async Task<BuiltPlugin> BuildIntoCacheAsync(
        string pluginName, PluginSources sources, string project, string entry, CancellationToken cancellationToken)
    {
        var package = _feed.FindPackage();
        EnsurePrepared();
        var layout = new BuildLayout(Path.Combine(WorkRoot, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))));
        try
        {
            using (await sources.Hold.AcquireAsync(cancellationToken))
            {
                DirectoryCopy.Copy(sources.Directory, layout.Sources, SourceHash.Files(sources.Directory));
            }

            WriteBuildRoot(layout, package);
            using var slot = await TakeSlotAsync(pluginName, Path.GetFileName(entry), cancellationToken);
            Log.Building(_logger, pluginName, Path.GetFileName(entry));
            var started = _timeProvider.GetTimestamp();
            var succeeded = false;
            try
            {
                var built = await RunAndPublishAsync(pluginName, project, layout, entry, cancellationToken);
                succeeded = true;
                return built;
            }
            finally
            {
                _metrics.BuildFinished(_timeProvider.GetElapsedTime(started), succeeded);
            }
        }
        finally
        {
            if (Directory.Exists(layout.Root))
            {
                Directory.Delete(layout.Root, recursive: true);
            }
        }
    }

    private async Task<BuiltPlugin> RunAndPublishAsync(
        string pluginName, string project, BuildLayout layout, string entry, CancellationToken cancellationToken)
    {
        var view = _runner.ViewOf(layout.Root);
        var projectPath = Path.Combine("src", project);
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
        return Published(entry, main) with { AddedToCache = true };
    }

    private async Task<IDisposable> TakeSlotAsync(string pluginName, string buildKey, CancellationToken cancellationToken)
    {
        if (_slots.TryTake() is { } slot)
        {
            return slot;
        }

        Log.WaitingForSlot(_logger, pluginName, buildKey, _slots.Count);
        return await _slots.TakeAsync(cancellationToken);
    }

    private static string DescribeFailure(string pluginName, BuildRun run, string sources)
    {
        var cut = run.DroppedOutputBytes > 0 ? "\n  " + BuildOutput.Note(run.DroppedOutputBytes) : "";
        var errors = BuildErrors.Extract(run.Output, sources);
        if (errors.Count > 0)
        {
            return $"Building plugin '{pluginName}' failed:\n  " + string.Join("\n  ", errors) + cut;
        }

        var tail = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("(build output cut:", StringComparison.Ordinal))
            .TakeLast(15);
        return $"Building plugin '{pluginName}' failed (dotnet build exit code {run.ExitCode}):\n  " + string.Join("\n  ", tail) + cut;
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
}
