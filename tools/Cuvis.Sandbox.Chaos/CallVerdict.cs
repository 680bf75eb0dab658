namespace Cuvis.Sandbox.Chaos;

/// <summary>Why a failed call was allowed to fail, or that it was not.</summary>
internal static class CallVerdict
{
    public const string Injected = "carried the fault in";
    public const string ReachedKilledWorker = "reached a killed worker";
    public const string SessionFailed = "its session had failed after its restart budget";

    /// <summary>The reason <paramref name="call"/> may fail, or null when it is a healthy call: one that reached no killed worker.</summary>
    public static string? Excuse(CallRecord call, IReadOnlyDictionary<string, SessionState> sessions, TimeSpan runEnd)
    {
        if (call.Injected)
        {
            return Injected;
        }

        if (!sessions.TryGetValue(call.SessionId, out var session))
        {
            return null;
        }

        if (session.FailedAt is { } failed && call.Ended >= failed)
        {
            return SessionFailed;
        }

        foreach (var fault in session.Faults)
        {
            if (fault.Window(runEnd) is var (from, to) && call.Ended >= from && call.Started <= to)
            {
                return ReachedKilledWorker;
            }
        }

        return null;
    }
}
