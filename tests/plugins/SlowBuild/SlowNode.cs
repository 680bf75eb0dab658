using Cuvis.Sandbox.Contracts;

namespace SlowBuild;

[OutputPort("value", DType.Float32)]
public sealed class SlowNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("value", Tensor.Scalar(1f));
}
