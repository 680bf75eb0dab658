namespace Cuvis.Sandbox.Worker.Plugins;

/// <summary>Plugin log events (EventIds 1100-1199). Every line names the session.</summary>
internal static partial class PluginLog
{
    [LoggerMessage(1100, LogLevel.Information, "Worker for session {SessionId} loaded plugin {PluginName} from {Directory}: {NodeCount} node(s)")]
    public static partial void Loaded(ILogger logger, string sessionId, string pluginName, string directory, int nodeCount);

    [LoggerMessage(1101, LogLevel.Warning, "Worker for session {SessionId} did not load plugin {PluginName}: {Error}")]
    public static partial void Rejected(ILogger logger, string sessionId, string pluginName, string error);
}
