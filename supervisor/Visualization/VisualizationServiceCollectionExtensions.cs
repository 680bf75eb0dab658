using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Hosting;

namespace Cuvis.Sandbox.Supervisor.Visualization;

internal static class VisualizationServiceCollectionExtensions
{
    /// <summary>GetPipelineVisualization's options (section <c>Visualization</c>) and its Graphviz renderer, contained by profile.</summary>
    public static IServiceCollection AddVisualization(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<VisualizationOptions>(configuration, VisualizationOptions.Section);
        services.AddByProfile<IGraphRenderer, SandboxedGraphvizRenderer, PlainGraphvizRenderer>();
        return services;
    }
}
