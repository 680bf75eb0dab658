namespace Cuvis.Sandbox.Supervisor.Access;

/// <summary>The principal a call was authenticated as. Every session belongs to the caller that created it.</summary>
/// <param name="Principal">The principal's name (<c>Auth:Principals:&lt;name&gt;</c>).</param>
/// <param name="IsAdmin">May clear the plugin cache.</param>
/// <param name="MaxSessions">Most sessions it holds at once; 0: no limit of its own.</param>
internal sealed record Caller(string Principal, bool IsAdmin, int MaxSessions)
{
    /// <summary>Every caller of a server without <c>Auth:Principals</c>: it may do everything.</summary>
    public static Caller Anonymous { get; } = new("anonymous", IsAdmin: true, MaxSessions: 0);
}
