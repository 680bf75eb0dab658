namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>No live session has this id. An id of another form than this server's UUIDs is named as such.</summary>
internal sealed class SessionNotFoundException(string sessionId)
    : SandboxException(
        SessionId.IsWellFormed(sessionId)
            ? $"Session {sessionId} not found"
            : $"Session {SessionId.ForDisplay(sessionId)} not found: session ids are the UUIDs CreateSession returns");
