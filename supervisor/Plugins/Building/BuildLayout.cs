namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// The private directory of one build. The supervisor owns the directory and the files it
/// generates there (NuGet.config, the Directory.*.props that stop MSBuild from importing
/// anything above, the contracts feed); a sandboxed build may write only <see cref="WritableDirectories"/>.
/// </summary>
internal sealed record BuildLayout(string Root)
{
    public string Sources => Path.Combine(Root, "src");

    public string Home => Path.Combine(Root, "home");

    public string Packages => Path.Combine(Root, "packages");

    public string Feed => Path.Combine(Root, "feed");

    public string Publish => Path.Combine(Root, "publish");

    public string Output => Path.Combine(Publish, "out");

    /// <summary>Where the build itself writes: its project's obj/bin, HOME, the restored packages, its output.</summary>
    public IReadOnlyList<string> WritableDirectories => [Sources, Home, Packages, Output];

    /// <summary>The environment of every build process, with paths as <paramref name="root"/> (the build's view of <see cref="Root"/>) shows them.</summary>
    public static Dictionary<string, string> Environment(string root)
    {
        var home = Path.Combine(root, "home");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
            ["NUGET_PACKAGES"] = Path.Combine(root, "packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false",
        };
        // Deployment settings restore needs to reach its sources; nothing else of ours passes.
        foreach (var name in (string[])["NUGET_CERT_REVOCATION_MODE", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"])
        {
            if (System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                environment[name] = value;
            }
        }

        return environment;
    }
}
