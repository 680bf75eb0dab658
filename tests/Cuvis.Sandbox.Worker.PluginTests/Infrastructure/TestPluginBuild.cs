using System.Security;
using Cuvis.Sandbox.Tests.Shared;
using Cuvis.Sandbox.Worker.Plugins;

namespace Cuvis.Sandbox.Worker.PluginTests.Infrastructure;

/// <summary>
/// Builds the plugins under TestPlugins/ once per test run, the way a third-party author would:
/// each references the Cuvis.Sandbox.Contracts package that building this repository's contracts
/// made (artifacts/package/&lt;configuration&gt;/, the one the supervisor's builds use too), from a
/// local feed. Restores go to a package folder of this run's own, so a stale
/// Cuvis.Sandbox.Contracts 1.0.0 in the user's NuGet cache is never used.
/// </summary>
public sealed class TestPluginBuild : IAsyncLifetime
{
    public const string GoodPlugin = "GoodPlugin";
    public const string JsonPlugin = "JsonPlugin";
    public const string VersionAPlugin = "VersionAPlugin";
    public const string VersionBPlugin = "VersionBPlugin";

    private static readonly string[] Projects = [GoodPlugin, JsonPlugin, VersionAPlugin, VersionBPlugin];
    private const string ContractsPackageName = "Cuvis.Sandbox.Contracts.1.0.0.nupkg";
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    private readonly ScratchDirectory _root = new("cwp-build");

    /// <summary>The build output folder of <paramref name="project"/>, one of the constants above.</summary>
    public string OutputOf(string project) => _root.Combine(project, "bin", "Release", "net10.0");

    /// <summary>A load request for <paramref name="project"/>'s output under the plugin name <paramref name="name"/>.</summary>
    internal BuiltPlugin Plugin(string project, string name, params string[] provides) =>
        new(name, OutputOf(project), project + ".dll", provides);

    public async Task InitializeAsync()
    {
        var feed = _root.Combine("feed");
        CopyDirectory(RepositoryFiles.PathOf("tests", "Cuvis.Sandbox.Worker.PluginTests", "TestPlugins"), _root.Path);
        WriteBuildRoot(feed);

        Directory.CreateDirectory(feed);
        File.Copy(ContractsPackage(), Path.Combine(feed, ContractsPackageName));

        await Dotnet.RunAsync(
            ["build", "TestPlugins.slnx", "-c", "Release", "--disable-build-servers", "-v", "quiet"],
            _root.Path, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = _root.Combine("packages") }, BuildTimeout);
    }

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }

    private void WriteBuildRoot(string feed)
    {
        // Empty files stop MSBuild from looking further up for the repository's build policy.
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(_root.Combine(name), "<Project />\n");
        }

        // Adds the feed; the default package source from the user's configuration stays.
        File.WriteAllText(_root.Combine("NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="cuvis-sandbox-contracts" value="{SecurityElement.Escape(feed)}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(_root.Combine("TestPlugins.slnx"),
            "<Solution>\n" + string.Concat(Projects.Select(p => $"  <Project Path=\"{p}/{p}.csproj\" />\n")) + "</Solution>\n");
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    /// <summary>The package the contracts project made when this test assembly was built (it builds the contracts first), in the same configuration.</summary>
    private static string ContractsPackage()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var package = RepositoryFiles.PathOf("artifacts", "package", configuration, ContractsPackageName);
        return File.Exists(package)
            ? package
            : throw new InvalidOperationException($"{package} is missing: build the solution (or contracts/Cuvis.Sandbox.Contracts.csproj, -c {configuration}) first.");
    }
}
