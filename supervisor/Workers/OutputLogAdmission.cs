namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>What <see cref="OutputLogLimiter"/> decided for one output line.</summary>
/// <param name="Log">True when the line is re-logged.</param>
/// <param name="Suppressed">Lines left out of the log since the last report, to report now; 0 when there is nothing to report.</param>
internal readonly record struct OutputLogAdmission(bool Log, long Suppressed);
