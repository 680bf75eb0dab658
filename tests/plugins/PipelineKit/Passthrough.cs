using Cuvis.Sandbox.Contracts;

namespace PipelineKit;

/// <summary>Returns its cube as it came: large-message round trips without any copy in the node.</summary>
[InputPort("cube", DType.Float32, -1, -1, -1, -1)]
[OutputPort("cube", DType.Float32, -1, -1, -1, -1)]
public sealed class Passthrough : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("cube", inputs.Required("cube"));
}
