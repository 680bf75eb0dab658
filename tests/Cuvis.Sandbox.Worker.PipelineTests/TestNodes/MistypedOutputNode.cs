using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

/// <summary>Declares a Float32 output and returns Int32.</summary>
[InputPort("x", DType.Float32, -1)]
[OutputPort("y", DType.Float32, -1)]
public sealed class MistypedOutputNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("y", Tensor.Create<int>(inputs.Required("x").Shape[0]));
}
