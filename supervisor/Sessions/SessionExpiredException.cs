namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>The session was closed for being idle; maps to NOT_FOUND like any unknown session.</summary>
internal sealed class SessionExpiredException(string sessionId, TimeSpan idleTimeout)
    : SandboxException(
        $"Session {sessionId} not found: it expired after {idleTimeout.TotalMinutes:0.##} minutes idle (Sessions:IdleTimeout) "
        + "and its worker was reclaimed. Create a new session.");
