namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>GetPipelineVisualization asked for a session's pipeline before the session loaded one.</summary>
internal sealed class NoPipelineToDrawException(string sessionId)
    : SandboxException($"Session {sessionId} has no pipeline to draw yet: call LoadPipeline first, or send the document in config_content.");
