using Cuvis.Sandbox.Contracts;

namespace GoodPlugin;

[InputPort("values", DType.Float32, 1, -1)]
[InputPort("mask", DType.Bool, 1, -1, Optional = true, Description = "Values to count.")]
[OutputPort("sum", DType.Float64, Description = "Sum of the counted values.")]
public sealed class SumNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var values = inputs.Required("values").AsReadOnlySpan<float>();
        var mask = inputs.Optional("mask");
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            if (mask is null || mask.AsReadOnlySpan<bool>()[i])
            {
                sum += values[i];
            }
        }

        return new NodeOutputs().Set("sum", Tensor.Scalar(sum));
    }
}
