using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Sessions;

namespace Cuvis.Sandbox.Supervisor.Diagnostics;

/// <summary>
/// What the server is doing now, as <c>cuvis doctor</c> (through <c>cuvis_sandbox.v1.SandboxStatus</c>)
/// and the operator page show it. Built by <see cref="ServerStatusReader"/>.
/// </summary>
/// <param name="Version">The supervisor's informational version.</param>
/// <param name="Started">When the supervisor process started.</param>
/// <param name="Now">When this was read.</param>
/// <param name="Serving">False while CreateSession would be refused: strict profile without a sandbox, or shutdown.</param>
/// <param name="Containment">The containment probe's report.</param>
/// <param name="MaxSessions">Sessions:MaxSessions.</param>
/// <param name="PoolReady">Blank workers waiting in the pool now.</param>
/// <param name="PoolTarget">Workers:PoolSize.</param>
/// <param name="Sessions">Every live session, oldest first.</param>
/// <param name="Counters">The supervisor's counters.</param>
/// <param name="Incidents">Recent crashes, recoveries and expiries, newest first.</param>
internal sealed record ServerStatus(
    string Version,
    DateTimeOffset Started,
    DateTimeOffset Now,
    bool Serving,
    ContainmentReport Containment,
    int MaxSessions,
    int PoolReady,
    int PoolTarget,
    IReadOnlyList<SessionStatus> Sessions,
    SandboxMetricsSnapshot Counters,
    IReadOnlyList<Incident> Incidents)
{
    public TimeSpan Uptime => Now - Started;

    /// <summary>The one sentence the doctor's table ends with.</summary>
    public string Summary => ContainmentTable.Summary(Containment);
}

/// <summary>One live session on the operator page.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Owner">The principal that created it.</param>
/// <param name="Created">When it was created.</param>
/// <param name="LastUsed">When its last call started or ended.</param>
/// <param name="RunningCalls">Calls running now.</param>
/// <param name="WorkerProcessId">Its worker's pid now (0 while none runs).</param>
/// <param name="State">Running, recovering or failed.</param>
/// <param name="RestartsUsed">Restarts used within the budget's window.</param>
/// <param name="Plugins">The plugins it has loaded, in load order.</param>
/// <param name="HasPipeline">Whether it has a pipeline loaded.</param>
internal sealed record SessionStatus(
    string Id,
    string Owner,
    DateTimeOffset Created,
    DateTimeOffset LastUsed,
    int RunningCalls,
    int WorkerProcessId,
    SessionWorkerState State,
    int RestartsUsed,
    IReadOnlyList<string> Plugins,
    bool HasPipeline);
