namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>
/// The strict profile cannot confine a worker or build on this host (bubblewrap missing, user
/// namespaces off, ...). The message names what is missing and how to fix it.
/// </summary>
internal sealed class ContainmentUnavailableException(string message, Exception? innerException = null)
    : SandboxException(message, innerException);
