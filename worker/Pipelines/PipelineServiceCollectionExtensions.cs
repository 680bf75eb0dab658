namespace Cuvis.Sandbox.Worker.Pipelines;

internal static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Pipeline building and the session's current pipeline; one host per worker, hence per
    /// session. Needs the node catalogue from <c>AddPlugins()</c>.
    /// </summary>
    public static IServiceCollection AddPipelines(this IServiceCollection services)
    {
        services.AddSingleton<PipelineBuilder>();
        services.AddSingleton<PipelineHost>();
        return services;
    }
}
