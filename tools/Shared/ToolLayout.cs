namespace Cuvis.Sandbox.Tools;

/// <summary>Where a tool finds what it runs, by default: the repository it was built in.</summary>
internal static class ToolLayout
{
    /// <summary>The supervisor built beside this tool: artifacts/bin/Cuvis.Sandbox.Supervisor/&lt;configuration&gt;/.</summary>
    public static string SupervisorAssembly => ProgramBeside("Cuvis.Sandbox.Supervisor");

    /// <summary>The worker built beside this tool: artifacts/bin/Cuvis.Sandbox.Worker/&lt;configuration&gt;/.</summary>
    public static string WorkerAssembly => ProgramBeside("Cuvis.Sandbox.Worker");

    /// <summary>The host that runs the tool: the one the SDK names, else <c>dotnet</c> on PATH.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>A path inside the repository this tool was built in.</summary>
    public static string InRepository(params string[] parts) => Path.Combine([RepositoryRoot(), .. parts]);

    /// <summary>artifacts/bin/&lt;project&gt;/&lt;configuration of this tool&gt;/&lt;project&gt;.dll.</summary>
    private static string ProgramBeside(string project)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name;
        return Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", project, configuration, project + ".dll"));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cuvis.Sandbox.sln")))
            {
                return directory.FullName;
            }
        }

        throw new ArgumentException($"No Cuvis.Sandbox.sln above {AppContext.BaseDirectory}; give the paths on the command line (see --help).");
    }
}
