namespace Cuvis.Sandbox.Chaos;

/// <summary>Everything a finished run observed, for <see cref="ChaosReport"/>.</summary>
internal sealed record ChaosOutcome(
    ChaosSettings Settings,
    IReadOnlyList<CallRecord> Calls,
    IReadOnlyList<SessionState> Sessions,
    IReadOnlyList<string> UnexpectedExits,
    TimeSpan RunEnd,
    int SupervisorRestarts,
    string SupervisorStatus,
    Leftovers AfterClose,
    Leftovers AfterShutdown);
