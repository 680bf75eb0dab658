using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Hosting;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Workers;

internal static class WorkerServiceCollectionExtensions
{
    /// <summary>Worker processes: options, runtime directory, launcher (plain or sandboxed, by profile), spawn thread, factory.</summary>
    public static IServiceCollection AddWorkers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WorkerOptions, WorkerOptionsSetup>(configuration, WorkerOptions.Section);

        services.AddSingleton<RuntimeDirectory>();
        services.AddHostedService(sp => sp.GetRequiredService<RuntimeDirectory>());
        services.AddSingleton<ProcessSpawnThread>();
        services.AddSingleton<PlainWorkerLauncher>();
        services.AddSingleton<SandboxedWorkerLauncher>();
        services.AddSingleton<IWorkerLauncher>(sp =>
            sp.GetRequiredService<IOptions<ContainmentOptions>>().Value.Profile == ContainmentProfile.None
                ? sp.GetRequiredService<PlainWorkerLauncher>()
                : sp.GetRequiredService<SandboxedWorkerLauncher>());
        services.AddSingleton<WorkerFactory>();
        return services;
    }
}
