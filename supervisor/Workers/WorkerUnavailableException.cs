namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>The session's worker is gone (crashed, killed, out of memory) or cannot be reached.</summary>
internal sealed class WorkerUnavailableException(string message, Exception? innerException = null)
    : SandboxException(message, innerException);
