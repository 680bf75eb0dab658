namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>A worker could not be started, or did not complete its handshake.</summary>
internal sealed class WorkerStartException(string message, Exception? innerException = null)
    : SandboxException(message, innerException);
