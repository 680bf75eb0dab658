namespace Cuvis.Sandbox.Supervisor.Workers;

internal sealed partial class WorkerProcess
{
    /// <summary>Worker lifecycle and output (EventIds 2110-2129). Every line names the session and pid.</summary>
    private static partial class Log
    {
        [LoggerMessage(2110, LogLevel.Debug, "Session {SessionId}: worker started as pid {ProcessId} ({FileName})")]
        public static partial void Started(ILogger logger, string sessionId, int processId, string fileName);

        [LoggerMessage(2112, LogLevel.Information, "Session {SessionId}: worker pid {ProcessId} {Exit}")]
        public static partial void Exited(ILogger logger, string sessionId, int processId, string exit);

        [LoggerMessage(2113, LogLevel.Warning, "Session {SessionId}: worker pid {ProcessId} {Exit} unexpectedly; last stderr lines:\n{StderrTail}")]
        public static partial void ExitedUnexpectedly(ILogger logger, string sessionId, int processId, string exit, string stderrTail);

        [LoggerMessage(2114, LogLevel.Warning, "Session {SessionId}: worker pid {ProcessId} still running {GraceSeconds} s after the shutdown request; killing its process tree")]
        public static partial void Killing(ILogger logger, string sessionId, int processId, double graceSeconds);

        [LoggerMessage(2115, LogLevel.Information, "Session {SessionId} worker {ProcessId} stdout: {Line}")]
        public static partial void StandardOutput(ILogger logger, string sessionId, int processId, string line);

        [LoggerMessage(2117, LogLevel.Debug, "Worker started as pid {LauncherProcessId} listens as pid {ProcessId} (uid {Uid})")]
        public static partial void Identified(ILogger logger, int launcherProcessId, int processId, uint uid);

        [LoggerMessage(2118, LogLevel.Warning, "Session {SessionId}: killing worker pid {ProcessId}: {Reason}")]
        public static partial void KillingHung(ILogger logger, string sessionId, int processId, string reason);

        [LoggerMessage(2119, LogLevel.Warning, "Session {SessionId}: suppressed {SuppressedLines} lines from worker pid {ProcessId}: it prints faster than the log takes ({BurstLines} lines at once, then {LinesPerSecond} a second; Workers:OutputLogBurstLines, Workers:OutputLogLinesPerSecond)")]
        public static partial void OutputSuppressed(ILogger logger, string sessionId, int processId, long suppressedLines, int burstLines, double linesPerSecond);

        [LoggerMessage(2116, LogLevel.Information, "Session {SessionId} worker {ProcessId} stderr: {Line}")]
        public static partial void StandardError(ILogger logger, string sessionId, int processId, string line);
    }
}
