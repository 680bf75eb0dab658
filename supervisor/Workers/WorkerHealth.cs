namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>A worker's answer to a health check.</summary>
/// <param name="Serving">False while it is stopping.</param>
/// <param name="RunningCalls">Ids of the forwarded calls whose handlers have not returned.</param>
/// <param name="WorkingSetBytes">Its resident memory as it sees it.</param>
internal sealed record WorkerHealth(bool Serving, IReadOnlySet<long> RunningCalls, long WorkingSetBytes);
