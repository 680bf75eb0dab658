namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>A session needed a restart its budget no longer allowed; <see cref="LastCause"/> is why it needed it.</summary>
internal sealed class RestartBudgetSpentException(string lastCause, Exception? innerException = null)
    : Exception($"The restart budget is spent; last cause: {lastCause}", innerException)
{
    public string LastCause { get; } = lastCause;
}
