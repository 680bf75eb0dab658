namespace Cuvis.Sandbox.Chaos;

/// <summary>Where the tool finds what it tests, by default: the repository it was built in.</summary>
internal static class ToolLayout
{
    private const string Supervisor = "Cuvis.Sandbox.Supervisor";

    /// <summary>The supervisor built beside this tool: artifacts/bin/Cuvis.Sandbox.Supervisor/&lt;configuration&gt;/.</summary>
    public static string SupervisorAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name;
            return Path.Combine(AppContext.BaseDirectory, "..", "..", Supervisor, configuration, Supervisor + ".dll");
        }
    }

    /// <summary>tools/ChaosKit of the repository this tool was built in.</summary>
    public static string PluginDirectory => Path.Combine(RepositoryRoot(), "tools", "ChaosKit");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cuvis.Sandbox.sln")))
            {
                return directory.FullName;
            }
        }

        throw new ArgumentException($"No Cuvis.Sandbox.sln above {AppContext.BaseDirectory}; give --plugin.");
    }
}
