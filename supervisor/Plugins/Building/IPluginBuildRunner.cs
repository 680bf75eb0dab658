namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// Runs one plugin build as a separate process. The builder decides what to build and where;
/// this decides how the process is started, so containment layers can wrap builds as they wrap
/// workers.
/// </summary>
internal interface IPluginBuildRunner
{
    Task<BuildRun> RunAsync(
        IReadOnlyList<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout,
        CancellationToken cancellationToken);
}

/// <summary>How a build process ended. <see cref="TimedOut"/> builds were killed.</summary>
internal sealed record BuildRun(int ExitCode, string Output, bool TimedOut);
