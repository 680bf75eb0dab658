using Cuvis.Sandbox.Supervisor.Hosting;

namespace Cuvis.Sandbox.Supervisor.Diagnostics;

internal static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>The supervisor's meter, its incident log and status, the periodic summary line, and the opt-in operator endpoint.</summary>
    public static IServiceCollection AddDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DiagnosticsOptions>(configuration, DiagnosticsOptions.Section);
        services.AddMetrics();
        services.AddSingleton<SandboxMetrics>();
        services.AddSingleton<IncidentLog>();
        services.AddSingleton<ServerStatusReader>();
        services.AddHostedService<MetricsSummaryService>();
        services.AddHostedService<OperatorEndpoint>();
        return services;
    }
}
