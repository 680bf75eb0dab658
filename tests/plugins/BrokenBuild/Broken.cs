using Cuvis.Sandbox.Contracts;

namespace BrokenBuild;

[OutputPort("value", DType.Float32)]
public sealed class Broken : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        return new NodeOutputs().Set("value", Tensor.Scalar(undefinedVariable));
    }
}
