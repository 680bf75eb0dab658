using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes.Alpha;

/// <summary>Shares its short name with another test node, as two plugins' classes may.</summary>
[OutputPort("y", DType.Float32)]
public sealed class DupNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("y", Tensor.Scalar(0f));
}
