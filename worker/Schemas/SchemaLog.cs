namespace Cuvis.Sandbox.Worker.Schemas;

/// <summary>Parameter schema log events (EventIds 1400-1499). Every line names the session.</summary>
internal static partial class SchemaLog
{
    [LoggerMessage(1400, LogLevel.Information, "Worker for session {SessionId} described {ConfigType} in a parameter schema of {Bytes} bytes")]
    public static partial void Described(ILogger logger, string sessionId, string configType, int bytes);

    [LoggerMessage(1401, LogLevel.Information, "Worker for session {SessionId}: the parameters of node class {NodeClass} cannot be described: {Reason}")]
    public static partial void Undescribable(ILogger logger, string sessionId, string nodeClass, string reason);
}
