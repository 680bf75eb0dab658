using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

/// <summary>Declares outputs y and z but returns only y.</summary>
[InputPort("x", DType.Float32, -1)]
[OutputPort("y", DType.Float32, -1)]
[OutputPort("z", DType.Float32, -1)]
public sealed class IncompleteNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("y", inputs.Required("x"));
}
