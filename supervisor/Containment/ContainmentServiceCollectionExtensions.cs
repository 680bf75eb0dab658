using Cuvis.Sandbox.Supervisor.Hosting;

namespace Cuvis.Sandbox.Supervisor.Containment;

internal static class ContainmentServiceCollectionExtensions
{
    /// <summary>Containment: options, the start-up probe and report, uids, sandboxes.</summary>
    public static IServiceCollection AddContainment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ContainmentOptions>(configuration, ContainmentOptions.Section);
        services.AddSingleton<ContainmentProbe>();
        services.AddSingleton<SandboxUidPool>();
        services.AddSingleton<SandboxFactory>();
        services.AddHostedService<ContainmentStartup>();
        return services;
    }
}
