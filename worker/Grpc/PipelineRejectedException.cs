namespace Cuvis.Sandbox.Worker.Grpc;

/// <summary>A pipeline document with problems; every problem is listed, and it is reported as INVALID_ARGUMENT.</summary>
internal sealed class PipelineRejectedException(IReadOnlyList<string> problems)
    : Exception($"Invalid pipeline ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):\n- " + string.Join("\n- ", problems));
