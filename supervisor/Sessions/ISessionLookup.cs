namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>Whether an id names a live session, asked without touching the session (no activity, no worker).</summary>
internal interface ISessionLookup
{
    /// <summary>Null when the session is live and <paramref name="caller"/>'s; otherwise the error a call for it gets (not found, or expired).</summary>
    SandboxException? FindProblem(string sessionId, Access.Caller caller);
}
