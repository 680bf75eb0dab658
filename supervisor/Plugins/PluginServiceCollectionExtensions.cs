using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Hosting;
using Cuvis.Sandbox.Supervisor.Plugins.Building;
using Cuvis.Sandbox.Supervisor.Plugins.Git;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins;

internal static class PluginServiceCollectionExtensions
{
    /// <summary>Plugins: options, the git and build caches, the local-path policy and the session loader.</summary>
    public static IServiceCollection AddPlugins(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PluginOptions, PluginOptionsSetup>(configuration, PluginOptions.Section);

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PluginOptions>>().Value;
            return new GitCacheOptions
            {
                Directory = Path.Combine(options.CacheDirectory, "git"),
                SshCommand = options.SshCommand,
                NetworkTimeout = options.NetworkTimeout,
            };
        });
        services.AddSingleton<GitRepositoryCache>();
        services.AddSingleton<ContractsFeed>();
        services.AddSingleton<PlainBuildRunner>();
        services.AddSingleton<SandboxedBuildRunner>();
        services.AddSingleton<IPluginBuildRunner>(sp =>
            sp.GetRequiredService<IOptions<ContainmentOptions>>().Value.Profile == ContainmentProfile.None
                ? sp.GetRequiredService<PlainBuildRunner>()
                : sp.GetRequiredService<SandboxedBuildRunner>());
        services.AddSingleton<PluginBuilder>();
        services.AddSingleton<LocalPluginPolicy>();
        services.AddSingleton<PluginResolver>();
        services.AddSingleton<SessionPluginLoader>();
        return services;
    }
}
