using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cuvis.Sandbox.Worker.Pipelines;

internal static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Pipeline building, the session's current pipeline, and the parameter schemas of the
    /// document and its node classes; one host per worker, hence per session. Needs the node catalogue from <c>AddPlugins()</c>; times nodes with the registered
    /// <see cref="TimeProvider"/>, the system clock if there is none.
    /// </summary>
    public static IServiceCollection AddPipelines(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PipelineBuilder>();
        services.AddSingleton<PipelineHost>();
        services.AddSingleton<Schemas.ParameterSchemas>();
        return services;
    }
}
