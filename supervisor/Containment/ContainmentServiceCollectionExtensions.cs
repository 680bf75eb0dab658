using Cuvis.Sandbox.Supervisor.Hosting;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// Registers <typeparamref name="TService"/> as <typeparamref name="TContained"/> under the
    /// strict profile and as <typeparamref name="TPlain"/> under profile none.
    /// </summary>
    public static IServiceCollection AddByProfile<TService, TContained, TPlain>(this IServiceCollection services)
        where TService : class
        where TContained : class, TService
        where TPlain : class, TService
    {
        services.AddSingleton<TContained>();
        services.AddSingleton<TPlain>();
        services.AddSingleton<TService>(sp =>
            sp.GetRequiredService<IOptions<ContainmentOptions>>().Value.Profile == ContainmentProfile.None
                ? sp.GetRequiredService<TPlain>()
                : sp.GetRequiredService<TContained>());
        return services;
    }
}
