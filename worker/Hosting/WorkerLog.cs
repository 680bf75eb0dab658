namespace Cuvis.Sandbox.Worker.Hosting;

/// <summary>Worker log events (EventIds 1000-1099). Every line names the session.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(1000, LogLevel.Information, "Worker listening on {Endpoint} (pid {ProcessId}), not yet bound to a session")]
    public static partial void Listening(ILogger logger, string endpoint, int processId);

    [LoggerMessage(1001, LogLevel.Information, "Worker for session {SessionId} initialised by the supervisor (pid {ProcessId})")]
    public static partial void Initialized(ILogger logger, string sessionId, int processId);

    [LoggerMessage(1003, LogLevel.Information, "Worker for session {SessionId} rehearsed Initialize for the pool (pid {ProcessId}), still unbound")]
    public static partial void InitializeRehearsed(ILogger logger, string sessionId, int processId);

    [LoggerMessage(1002, LogLevel.Information, "Worker for session {SessionId} shutting down: {Reason}")]
    public static partial void ShutdownRequested(ILogger logger, string sessionId, string reason);
}
