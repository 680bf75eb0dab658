using Cuvis.Sandbox.Supervisor.Hosting;

namespace Cuvis.Sandbox.Supervisor.SharedInputs;

internal static class SharedInputServiceCollectionExtensions
{
    /// <summary>Input tensors by shm_ref: options and the resolver the Inference binding uses.</summary>
    public static IServiceCollection AddSharedInputs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SharedInputOptions>(configuration, SharedInputOptions.Section);
        services.AddSingleton<SharedInputResolver>();
        return services;
    }
}
