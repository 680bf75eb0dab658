namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>Pipeline log events (EventIds 1200-1299). Every line names the session.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(1200, LogLevel.Information, "Worker for session {SessionId} built pipeline {PipelineId} ({PipelineName}): {NodeCount} node(s), {ConnectionCount} connection(s)")]
    public static partial void Built(ILogger logger, string sessionId, string pipelineId, string pipelineName, int nodeCount, int connectionCount);

    [LoggerMessage(1201, LogLevel.Information, "Worker for session {SessionId} rejected a pipeline document with {ProblemCount} problem(s): {Problems}")]
    public static partial void Rejected(ILogger logger, string sessionId, int problemCount, string problems);

    [LoggerMessage(1202, LogLevel.Information, "Worker for session {SessionId} loaded pipeline {PipelineId}, replacing {PreviousPipelineId}")]
    public static partial void Loaded(ILogger logger, string sessionId, string pipelineId, string previousPipelineId);

    [LoggerMessage(1203, LogLevel.Debug, "Worker for session {SessionId} ran pipeline {PipelineId}: {NodeCount} node(s), {OutputCount} output(s) returned")]
    public static partial void Ran(ILogger logger, string sessionId, string pipelineId, int nodeCount, int outputCount);

    [LoggerMessage(1204, LogLevel.Information, "Worker for session {SessionId} refused a run of pipeline {PipelineId}: {Reason}")]
    public static partial void RunRefused(ILogger logger, string sessionId, string pipelineId, string reason);

    [LoggerMessage(1205, LogLevel.Warning, "Worker for session {SessionId}: node {NodeName} ({NodeClass}) of pipeline {PipelineId} failed")]
    public static partial void NodeFailed(ILogger logger, string sessionId, string pipelineId, string nodeName, string nodeClass, Exception exception);
}
