namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>The optional <c>metadata</c> section of a pipeline document; absent fields are empty.</summary>
internal sealed record PipelineMetadata(
    string Name,
    string Description,
    string Created,
    string CuvisAiVersion,
    IReadOnlyList<string> Tags,
    string Author)
{
    public static PipelineMetadata Empty { get; } = new("", "", "", "", [], "");
}
