using System.Security;

namespace Cuvis.Sandbox.Bench;

/// <summary>
/// The baseline of the contained build: the same restore and build the supervisor runs
/// (supervisor/Plugins/Building/PluginBuilder.Build.cs), as plain processes of the bench, in a
/// fresh folder with the same isolating props, NuGet.config, HOME and NUGET_PACKAGES.
/// </summary>
internal static class PlainBuild
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>Restores and builds a copy of the plugin's sources in the run's folder <paramref name="folder"/>; returns how long both steps took.</summary>
    public static async Task<TimeSpan> RunAsync(BenchSettings settings, string sources, string folder)
    {
        if (!Directory.EnumerateFiles(settings.ContractsFeed, "Cuvis.Sandbox.Contracts.*.nupkg").Any())
        {
            throw new InvalidOperationException($"No Cuvis.Sandbox.Contracts package in {settings.ContractsFeed}; build the solution first.");
        }

        var root = Path.Combine(settings.WorkDirectory, folder);
        PluginRepository.CopySources(sources, Path.Combine(root, "src"));
        foreach (var directory in (string[])["home", "packages", "out"])
        {
            Directory.CreateDirectory(Path.Combine(root, directory));
        }

        await File.WriteAllTextAsync(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(root, "Directory.Packages.props"),
            "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
        await File.WriteAllTextAsync(Path.Combine(root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="cuvis-sandbox-contracts" value="{SecurityElement.Escape(settings.ContractsFeed)}" />
                <add key="source-1" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);

        var home = Path.Combine(root, "home");
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
            ["NUGET_PACKAGES"] = Path.Combine(root, "packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };
        var project = Path.Combine("src", Path.GetFileName(Directory.EnumerateFiles(sources, "*.csproj").Single()));
        var restore = await ChildProcess.RunCheckedAsync(Tools.ToolLayout.DotnetHost,
            ["restore", project, "--nologo", "--disable-build-servers", "-v", "quiet", "-p:EnableDynamicLoading=true"], root, Timeout, environment);
        var build = await ChildProcess.RunCheckedAsync(Tools.ToolLayout.DotnetHost,
            ["build", project, "--no-restore", "-c", "Release", "-o", "out", "--nologo", "--disable-build-servers", "-v", "quiet", "-p:EnableDynamicLoading=true"],
            root, Timeout, environment);
        return restore.Elapsed + build.Elapsed;
    }
}
