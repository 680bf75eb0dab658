using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes.Shapes;

[InputPort("features", DType.Float32, 1, 4)]
public sealed class FixedSinkNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) => new();
}
