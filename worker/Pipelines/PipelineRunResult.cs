using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>What one <see cref="Pipeline.Run"/> produced.</summary>
/// <param name="Outputs">The selected output tensors, keyed <c>&lt;node&gt;.&lt;port&gt;</c>, in node then declaration order.</param>
/// <param name="Metrics">The rank-0 tensors among <paramref name="Outputs"/>, under the same keys, as <see cref="float"/>.</param>
/// <param name="NodeTimes">How long each node's Forward took, in execution order.</param>
internal sealed record PipelineRunResult(
    IReadOnlyDictionary<string, Tensor> Outputs, IReadOnlyDictionary<string, float> Metrics, IReadOnlyList<NodeTime> NodeTimes);
