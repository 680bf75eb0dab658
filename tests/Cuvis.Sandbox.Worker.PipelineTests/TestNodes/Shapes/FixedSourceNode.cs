using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes.Shapes;

[OutputPort("features", DType.Float32, 1, 8)]
public sealed class FixedSourceNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("features", Tensor.Create<float>(1, 8));
}
