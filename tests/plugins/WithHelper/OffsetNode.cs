using Cuvis.Sandbox.Contracts;
using WithHelper.Support;

namespace WithHelper;

[InputPort("data", DType.Float32, -1)]
[OutputPort("shifted", DType.Float32, -1)]
public sealed class OffsetNode(float offset = 1f) : Node
{
    private readonly Offsets _offsets = new() { Value = offset };

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var data = inputs.Required("data");
        var result = Tensor.FromArray(data.AsReadOnlySpan<float>().ToArray(), data.Shape.ToArray());
        foreach (ref var value in result.AsSpan<float>())
        {
            value += _offsets.Value;
        }

        return new NodeOutputs().Set("shifted", result);
    }
}
