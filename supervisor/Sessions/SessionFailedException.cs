namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>The session's restart budget is spent: it answers this to every call until it is closed.</summary>
internal sealed class SessionFailedException(string message) : SandboxException(message);
