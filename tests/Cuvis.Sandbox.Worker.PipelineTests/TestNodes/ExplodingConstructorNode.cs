using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

[OutputPort("y", DType.Float32)]
public sealed class ExplodingConstructorNode : Node
{
    public ExplodingConstructorNode() => throw new InvalidOperationException("licence file not found");

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("y", Tensor.Scalar(0f));
}
