using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Containment;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Cuvis.Sandbox.Supervisor.Grpc.Health;

/// <summary>
/// The serving status of this server and of each service it serves, as <c>grpc.health.v1</c>
/// reports them. <c>cuvis_ai.v1.CuvisAIService</c> is NOT_SERVING while the containment probe
/// fails under the strict profile (every CreateSession would be refused); every service is
/// NOT_SERVING once the server is shutting down. The overall status (service <c>""</c>) is
/// SERVING only while every service is.
/// </summary>
internal sealed class ServerHealth(ContainmentProbe probe, IHostApplicationLifetime lifetime)
{
    /// <summary>The name that asks for the server as a whole.</summary>
    public const string Overall = "";

    /// <summary>Every service name the health service knows, the overall name first.</summary>
    public static IReadOnlyList<string> Services { get; } =
    [
        Overall,
        CuvisAIService.Descriptor.FullName,
        Protos.Status.V1.SandboxStatus.Descriptor.FullName,
        global::Grpc.Health.V1.Health.Descriptor.FullName,
        global::Grpc.Reflection.V1.ServerReflection.Descriptor.FullName,
        global::Grpc.Reflection.V1Alpha.ServerReflection.Descriptor.FullName,
    ];

    /// <summary>Cancelled when the server starts shutting down: from then on every status is NOT_SERVING.</summary>
    public CancellationToken Stopping => lifetime.ApplicationStopping;

    /// <summary>The status of <paramref name="service"/>; null when this server does not serve it.</summary>
    public async Task<ServingStatus?> GetAsync(string service)
    {
        if (!Services.Contains(service, StringComparer.Ordinal))
        {
            return null;
        }

        if (Stopping.IsCancellationRequested)
        {
            return ServingStatus.NotServing;
        }

        var contained = await CanCreateSessionsAsync();
        return service is Overall || service == CuvisAIService.Descriptor.FullName
            ? contained ? ServingStatus.Serving : ServingStatus.NotServing
            : ServingStatus.Serving;
    }

    private async Task<bool> CanCreateSessionsAsync()
    {
        var report = await probe.GetReportAsync();
        return report.Profile == ContainmentProfile.None || report.CanSandbox;
    }
}
