using Cuvis.Sandbox.Supervisor.Hosting;

namespace Cuvis.Sandbox.Supervisor.Diagnostics;

internal static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>The supervisor's meter and the periodic summary line.</summary>
    public static IServiceCollection AddDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DiagnosticsOptions>(configuration, DiagnosticsOptions.Section);
        services.AddMetrics();
        services.AddSingleton<SandboxMetrics>();
        services.AddHostedService<MetricsSummaryService>();
        return services;
    }
}
