namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// The outcome of <see cref="PipelineBuilder.Build"/>: a pipeline, or every problem found in the
/// document (never both). A bad document is an expected outcome, so it is returned, not thrown.
/// </summary>
/// <param name="Pipeline">The built pipeline; <see langword="null"/> when <paramref name="Problems"/> is not empty.</param>
/// <param name="Problems">
/// The first <see cref="PipelineProblems.MaxListed"/> problems, each a sentence naming the node,
/// port or key at fault, with the path of that field in the document (<see cref="ProblemFields"/>).
/// </param>
/// <param name="UnlistedProblems">How many more problems were found; counted in <see cref="Lines"/> only.</param>
internal sealed record PipelineBuildResult(Pipeline? Pipeline, IReadOnlyList<PipelineProblem> Problems, int UnlistedProblems)
{
    /// <summary>
    /// Gets what the client reads: each listed problem's description, then, when some were not
    /// listed, a line counting them. That line is no problem of its own, so it names no field.
    /// </summary>
    public IReadOnlyList<string> Lines =>
    [
        .. Problems.Select(problem => problem.Description),
        .. UnlistedProblems == 0
            ? Array.Empty<string>()
            : [$"... and {UnlistedProblems} more problem{(UnlistedProblems == 1 ? "" : "s")}; fix the ones above first."],
    ];

    public static PipelineBuildResult Success(Pipeline pipeline) => new(pipeline, [], 0);

    public static PipelineBuildResult Failure(PipelineProblems problems) => new(null, [.. problems], problems.Unlisted);
}
