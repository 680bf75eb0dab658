using Cuvis.Sandbox.Contracts;

namespace SpectralTools;

/// <summary>Marks values above a threshold.</summary>
[InputPort("data", DType.Float32, -1, -1, -1, -1)]
[InputPort("mask", DType.Bool, -1, -1, -1, -1, Optional = true, Description = "Pixels to consider.")]
[OutputPort("decisions", DType.Bool, -1, -1, -1, -1)]
public sealed class Threshold(float threshold = 0.5f) : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var data = inputs.Required("data");
        var result = Tensor.Create<bool>(data.Shape.ToArray());
        var values = data.AsReadOnlySpan<float>();
        var decisions = result.AsSpan<bool>();
        for (var i = 0; i < values.Length; i++)
        {
            decisions[i] = values[i] > threshold;
        }

        return new NodeOutputs().Set("decisions", result);
    }
}
