using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Hosting;

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
        services.AddByProfile<IWorkerLauncher, SandboxedWorkerLauncher, PlainWorkerLauncher>();
        services.AddSingleton<WorkerFactory>();
        return services;
    }
}
