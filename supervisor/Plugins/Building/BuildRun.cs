namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>How a build ended.</summary>
/// <param name="ExitCode">The last step's exit code; -1 when it timed out.</param>
/// <param name="Output">What the steps printed, within its cap (<see cref="BuildOutput"/>).</param>
/// <param name="TimedOut">True when the build was killed at its deadline.</param>
/// <param name="DroppedOutputBytes">Output left out of <paramref name="Output"/> to keep it within its cap.</param>
internal sealed record BuildRun(int ExitCode, string Output, bool TimedOut, long DroppedOutputBytes = 0);
