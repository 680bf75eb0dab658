using Cuvis.Sandbox.Contracts;

namespace GoodPlugin;

[InputPort("values", DType.Float32, -1, Description = "Values to scale.")]
[OutputPort("scaled", DType.Float32, -1, Description = "Every value times factor.")]
public sealed class ScaleNode(float factor = 2f) : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var values = inputs.Required("values").AsReadOnlySpan<float>();
        var scaled = Tensor.Create<float>(values.Length);
        var target = scaled.AsSpan<float>();
        for (var i = 0; i < values.Length; i++)
        {
            target[i] = values[i] * factor;
        }

        return new NodeOutputs().Set("scaled", scaled);
    }
}
