using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Hosting;
using Cuvis.Sandbox.Supervisor.Plugins.Building;
using Cuvis.Sandbox.Supervisor.Plugins.Cache;
using Cuvis.Sandbox.Supervisor.Plugins.Git;
using Cuvis.Sandbox.Supervisor.Workers;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins;

internal static class PluginServiceCollectionExtensions
{
    /// <summary>Plugins: options, the git and build caches with their eviction, the local-path policy and the session loader.</summary>
    public static IServiceCollection AddPlugins(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PluginOptions, PluginOptionsSetup>(configuration, PluginOptions.Section);

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PluginOptions>>().Value;
            var strict = sp.GetRequiredService<IOptions<ContainmentOptions>>().Value.Profile == ContainmentProfile.Strict;
            return new GitCacheOptions
            {
                Directory = Path.Combine(options.CacheDirectory, "git"),
                SshCommand = options.SshCommand,
                NetworkTimeout = options.NetworkTimeout,
                CommandRunner = strict
                    ? new SandboxedGitCommandRunner(sp.GetRequiredService<SandboxFactory>(), sp.GetRequiredService<ProcessSpawnThread>(),
                        Path.Combine(options.CacheDirectory, "tmp-git"), options.SshDirectory)
                    : new PlainGitCommandRunner(),
            };
        });
        services.AddSingleton<GitRepositoryCache>();
        services.AddSingleton<ContractsFeed>();
        services.AddByProfile<IPluginBuildRunner, SandboxedBuildRunner, PlainBuildRunner>();
        services.AddSingleton<PluginBuilder>();
        services.AddSingleton<PluginCacheUsage>();
        services.AddSingleton<PluginCacheEvictor>();
        // A first pass at start: the limit may have been lowered since the cache was filled.
        services.AddHostedService(sp => sp.GetRequiredService<PluginCacheEvictor>());
        services.AddSingleton<LocalPluginPolicy>();
        services.AddSingleton<PluginResolver>();
        services.AddSingleton<SessionPluginLoader>();
        return services;
    }
}
