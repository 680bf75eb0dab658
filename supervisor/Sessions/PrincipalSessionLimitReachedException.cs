namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>A principal already holds as many sessions as it may (RESOURCE_EXHAUSTED).</summary>
internal sealed class PrincipalSessionLimitReachedException(string principal, int limit)
    : SandboxException(
        $"Session limit of principal '{principal}' reached: it may hold at most {limit} sessions at once. "
        + $"Close a session you no longer need, or ask the operator to raise Auth:Principals:{principal}:MaxSessions.");
