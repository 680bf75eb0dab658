using Cuvis.Sandbox.Tests.Shared;

namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>Where the build put the programs under test (artifacts/bin/&lt;Project&gt;/&lt;configuration&gt;/).</summary>
internal static class Artifacts
{
    /// <summary>The build configuration under test (<c>debug</c>, <c>release</c>): the supervisor's speed depends on it.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Name;

    public static string RepositoryRoot => RepositoryFiles.Root;

    public static string SupervisorAssembly => Program("Cuvis.Sandbox.Supervisor");

    public static string WorkerAssembly => Program("Cuvis.Sandbox.Worker");

    public static string ChaosAssembly => Program("Cuvis.Sandbox.Chaos");

    public static string BenchAssembly => Program("Cuvis.Sandbox.Bench");

    /// <summary>The cuvis command-line tool (project Cuvis.Sandbox.Cli, assembly cuvis).</summary>
    public static string CliAssembly => Program("Cuvis.Sandbox.Cli", "cuvis");

    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static string Program(string name, string? assembly = null)
    {
        var path = Path.Combine(RepositoryRoot, "artifacts", "bin", name, Configuration, (assembly ?? name) + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{name} is not built at {path}.");
    }
}
