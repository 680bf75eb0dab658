namespace Cuvis.Sandbox.Supervisor.PipelineLibrary;

/// <summary>SavePipeline before the session loaded one: FAILED_PRECONDITION.</summary>
internal sealed class NoPipelineToSaveException(string sessionId)
    : SandboxException($"Session {sessionId} has no pipeline to save: call LoadPipeline first.");
