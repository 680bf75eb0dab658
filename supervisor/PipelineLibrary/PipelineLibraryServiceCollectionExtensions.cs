using Cuvis.Sandbox.Supervisor.Hosting;

namespace Cuvis.Sandbox.Supervisor.PipelineLibrary;

internal static class PipelineLibraryServiceCollectionExtensions
{
    /// <summary>The pipelines directory: options (bundled examples by default), the library and the search-path policy.</summary>
    public static IServiceCollection AddPipelineLibrary(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PipelineLibraryOptions, PipelineLibraryOptionsSetup>(configuration, PipelineLibraryOptions.Section);
        services.AddSingleton<PipelineDirectory>();
        services.AddSingleton<SearchPathPolicy>();
        return services;
    }
}
