namespace Cuvis.Sandbox.Worker.Grpc;

/// <summary>A pipeline call before any pipeline was loaded; reported as FAILED_PRECONDITION.</summary>
internal sealed class NoPipelineLoadedException(string sessionId)
    : Exception($"No pipeline is loaded in session {sessionId}. Call LoadPipeline first.");
