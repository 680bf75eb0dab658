namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// Runs the steps of one plugin build (restore, then compile) as separate processes. The
/// builder decides what to build; this decides how the processes start: plainly, or inside a
/// sandbox that sees only the build's own directory (<see cref="ViewOf"/>). MSBuild runs the
/// plugin author's code (property functions, Exec, inline tasks, package targets, analyzers),
/// so a build is as untrusted as the plugin itself.
/// </summary>
internal interface IPluginBuildRunner
{
    /// <summary>The path at which the build processes see the host build directory <paramref name="work"/>.</summary>
    string ViewOf(string work);

    /// <summary>Runs <paramref name="steps"/> in order, stopping at the first that fails; all of them within <paramref name="timeout"/>.</summary>
    Task<BuildRun> RunAsync(BuildLayout layout, IReadOnlyList<BuildStep> steps, TimeSpan timeout, CancellationToken cancellationToken);
}
