namespace Cuvis.Sandbox.Supervisor.Sessions;

internal sealed class SessionNotFoundException(string sessionId)
    : SandboxException($"Session {sessionId} not found");
