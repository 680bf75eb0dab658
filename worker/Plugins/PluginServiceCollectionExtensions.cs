using Cuvis.Sandbox.Worker.Nodes;

namespace Cuvis.Sandbox.Worker.Plugins;

internal static class PluginServiceCollectionExtensions
{
    /// <summary>Plugin loading and the node catalogue it feeds; one registry per worker, hence per session.</summary>
    public static IServiceCollection AddPlugins(this IServiceCollection services)
    {
        services.AddSingleton<PluginRegistry>();
        services.AddSingleton<PluginLoader>();
        services.AddSingleton(provider => new NodeCatalog(provider.GetRequiredService<PluginRegistry>(), BuiltinNodes.Types));
        return services;
    }
}
