namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>How a build ended. <see cref="TimedOut"/> builds were killed.</summary>
internal sealed record BuildRun(int ExitCode, string Output, bool TimedOut);
