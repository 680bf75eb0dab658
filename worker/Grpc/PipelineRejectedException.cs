using Cuvis.Sandbox.Worker.Pipelines;

namespace Cuvis.Sandbox.Worker.Grpc;

/// <summary>
/// A pipeline document with problems, reported as INVALID_ARGUMENT: the message lists every
/// problem (the first hundred, and a count of the rest), and <see cref="Problems"/> gives each
/// listed one with its field, for the status's field violations.
/// </summary>
internal sealed class PipelineRejectedException(PipelineBuildResult result)
    : Exception($"Invalid pipeline ({result.Lines.Count} problem{(result.Lines.Count == 1 ? "" : "s")}):\n- " + string.Join("\n- ", result.Lines))
{
    public IReadOnlyList<PipelineProblem> Problems { get; } = result.Problems;
}
