namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// The outcome of <see cref="PipelineBuilder.Build"/>: a pipeline, or every problem found in the
/// document (never both). A bad document is an expected outcome, so it is returned, not thrown.
/// </summary>
/// <param name="Pipeline">The built pipeline; <see langword="null"/> when <paramref name="Problems"/> is not empty.</param>
/// <param name="Problems">One sentence per problem, each naming the node, port or key at fault.</param>
internal sealed record PipelineBuildResult(Pipeline? Pipeline, IReadOnlyList<string> Problems)
{
    public static PipelineBuildResult Success(Pipeline pipeline) => new(pipeline, []);

    public static PipelineBuildResult Failure(IReadOnlyList<string> problems) => new(null, problems);
}
