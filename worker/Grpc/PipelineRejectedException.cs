using Cuvis.Sandbox.Worker.Pipelines;

namespace Cuvis.Sandbox.Worker.Grpc;

/// <summary>
/// A pipeline document with problems, reported as INVALID_ARGUMENT: the message lists every
/// problem (the first hundred, and a count of the rest), and <see cref="Problems"/> gives each
/// listed one with its field, for the status's field violations. The count in its first line is
/// of every problem found, listed or not.
/// </summary>
internal sealed class PipelineRejectedException(PipelineBuildResult result)
    : Exception($"Invalid pipeline ({Count(result)} problem{(Count(result) == 1 ? "" : "s")}):\n- " + string.Join("\n- ", result.Lines))
{
    private static int Count(PipelineBuildResult result) => result.Problems.Count + result.UnlistedProblems;

    public IReadOnlyList<PipelineProblem> Problems { get; } = result.Problems;
}
