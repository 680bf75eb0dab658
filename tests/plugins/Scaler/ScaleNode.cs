using Cuvis.Sandbox.Contracts;

namespace Scaler;

[InputPort("data", DType.Float32, -1)]
[OutputPort("scaled", DType.Float32, -1)]
public sealed class ScaleNode(float factor = 2f) : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var data = inputs.Required("data");
        var result = Tensor.FromArray(data.AsReadOnlySpan<float>().ToArray(), data.Shape.ToArray());
        foreach (ref var value in result.AsSpan<float>())
        {
            value *= factor;
        }

        return new NodeOutputs().Set("scaled", result);
    }
}
