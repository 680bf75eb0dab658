namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>A forwarded call ran past its deadline inside the worker.</summary>
internal sealed class WorkerCallTimeoutException(string message, Exception? innerException = null)
    : SandboxException(message, innerException);
