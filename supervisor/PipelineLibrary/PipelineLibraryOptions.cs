namespace Cuvis.Sandbox.Supervisor.PipelineLibrary;

/// <summary>The pipelines directory upstream's pipeline-library RPCs read and write.</summary>
internal sealed class PipelineLibraryOptions
{
    public const string Section = "Pipelines";

    /// <summary>
    /// The directory ListAvailablePipelines, GetPipelineInfo and ResolveConfig read. Default: the
    /// bundled examples/pipelines, copied beside the supervisor as <c>pipelines/</c>.
    /// </summary>
    public string Directory { get; set; } = "";

    /// <summary>Where SavePipeline writes; default <see cref="Directory"/>. Must be inside it, so saved pipelines are listed.</summary>
    public string SaveDirectory { get; set; } = "";

    /// <summary>Roots SetSessionSearchPaths may name directories under; default <see cref="Directory"/> alone.</summary>
    public List<string> AllowedSearchRoots { get; set; } = [];

    /// <summary>Largest pipeline file read, in bytes. Default 1 MiB.</summary>
    public int MaxFileBytes { get; set; } = 1 << 20;

    /// <summary>Most pipeline files listed. Default 1000.</summary>
    public int MaxFiles { get; set; } = 1000;
}
