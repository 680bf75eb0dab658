namespace Cuvis.Sandbox.Worker.Hosting;

/// <summary>
/// The session this worker serves. A worker starts blank, with no session id on its command
/// line (where every local user could read it), and is bound to its session once, by the
/// supervisor's Initialize call. That also lets a worker be started before its session exists.
/// </summary>
internal sealed class WorkerSession
{
    /// <summary>What log lines show before the worker is bound.</summary>
    public const string UnboundId = "(unbound)";

    private string? _id;

    /// <summary>Gets the session id, or <see cref="UnboundId"/> before Initialize.</summary>
    public string Id => Volatile.Read(ref _id) ?? UnboundId;

    /// <summary>Gets whether Initialize has bound the worker to its session.</summary>
    public bool IsBound => Volatile.Read(ref _id) is not null;

    /// <summary>A worker already bound to <paramref name="sessionId"/> (for tests and tools).</summary>
    public static WorkerSession BoundTo(string sessionId)
    {
        var session = new WorkerSession();
        session.TryBind(sessionId);
        return session;
    }

    /// <summary>Binds the worker to its session; false when it already serves another one.</summary>
    public bool TryBind(string sessionId)
    {
        var previous = Interlocked.CompareExchange(ref _id, sessionId, null);
        return previous is null || string.Equals(previous, sessionId, StringComparison.Ordinal);
    }
}
