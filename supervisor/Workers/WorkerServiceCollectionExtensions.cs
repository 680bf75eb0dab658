using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Workers;

internal static class WorkerServiceCollectionExtensions
{
    /// <summary>Worker processes: options, runtime directory, launcher, spawn thread, factory.</summary>
    public static IServiceCollection AddWorkers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkerOptions>()
            .Bind(configuration.GetSection(WorkerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<WorkerOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<WorkerOptions>>(sp => sp.GetRequiredService<WorkerOptionsSetup>());
        services.AddSingleton<IValidateOptions<WorkerOptions>>(sp => sp.GetRequiredService<WorkerOptionsSetup>());

        services.AddSingleton<RuntimeDirectory>();
        services.AddHostedService(sp => sp.GetRequiredService<RuntimeDirectory>());
        services.AddSingleton<ProcessSpawnThread>();
        services.AddSingleton<IWorkerLauncher, DotnetWorkerLauncher>();
        services.AddSingleton<WorkerFactory>();
        return services;
    }
}
