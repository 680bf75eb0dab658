namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>The session was closed for being idle; maps to NOT_FOUND like any unknown session.</summary>
internal sealed class SessionExpiredException(string sessionId, TimeSpan idleTimeout)
    : SandboxException(
        $"Session {sessionId} not found: it expired after {Idle(idleTimeout)} idle (Sessions:IdleTimeout) "
        + "and its worker was reclaimed. Create a new session.")
{
    private static string Idle(TimeSpan timeout) =>
        timeout >= TimeSpan.FromMinutes(1)
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{timeout.TotalMinutes:0.##} minutes")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.#} seconds");
}
