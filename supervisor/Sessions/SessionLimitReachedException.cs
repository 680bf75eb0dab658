namespace Cuvis.Sandbox.Supervisor.Sessions;

internal sealed class SessionLimitReachedException(int limit)
    : SandboxException(
        $"Session limit reached: this server allows at most {limit} concurrent sessions. "
        + "Close a session you no longer need, or raise Sessions:MaxSessions (--max-sessions).");
