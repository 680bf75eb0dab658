using System.Diagnostics;
using System.Reflection;
using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Grpc.Health;
using Cuvis.Sandbox.Supervisor.Sessions;
using Cuvis.Sandbox.Supervisor.Workers;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Diagnostics;

/// <summary>Reads the <see cref="ServerStatus"/> from the parts of the supervisor that hold it.</summary>
internal sealed class ServerStatusReader(
    ContainmentProbe containment,
    ServerHealth health,
    SessionRegistry sessions,
    WorkerPool pool,
    SandboxMetrics metrics,
    IncidentLog incidents,
    IOptions<Sessions.SessionOptions> sessionOptions,
    IOptions<WorkerOptions> workerOptions,
    TimeProvider timeProvider)
{
    private static readonly DateTimeOffset ProcessStarted = ReadProcessStart();

    /// <summary>The supervisor's informational version, without the source revision's hash.</summary>
    public static string Version { get; } = ReadVersion();

    public async Task<ServerStatus> ReadAsync()
    {
        var report = await containment.GetReportAsync();
        var serving = await health.GetAsync(ServerHealth.Overall) == global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving;
        return new ServerStatus(
            Version,
            ProcessStarted,
            timeProvider.GetUtcNow(),
            serving,
            report,
            sessionOptions.Value.MaxSessions,
            pool.Count,
            workerOptions.Value.PoolSize,
            [.. sessions.All.OrderBy(s => s.Created).Select(Describe)],
            metrics.Snapshot(),
            incidents.Recent());
    }

    private static SessionStatus Describe(Session session) => new(
        session.Id.Value,
        session.Owner,
        session.Created,
        session.Activity.LastUsed,
        session.Activity.Running,
        session.Worker.ProcessId,
        session.Worker.State,
        session.Worker.RestartsUsed,
        [.. session.Plugins.Snapshot().Select(p => p.Spec.Name)],
        session.HasPipeline);

    private static DateTimeOffset ReadProcessStart()
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime.ToUniversalTime();
    }

    private static string ReadVersion()
    {
        var version = typeof(ServerStatusReader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
