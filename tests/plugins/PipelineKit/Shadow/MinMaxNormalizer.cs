using Cuvis.Sandbox.Contracts;

namespace PipelineKit.Shadow;

/// <summary>Shares its short name with the builtin MinMaxNormalizer: a short class name must then be refused as ambiguous.</summary>
[InputPort("data", DType.Float32, -1)]
[OutputPort("normalized", DType.Float32, -1)]
public sealed class MinMaxNormalizer : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("normalized", inputs.Required("data"));
}
