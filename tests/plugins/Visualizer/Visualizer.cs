using Cuvis.Sandbox.Contracts;

namespace Visualizer;

/// <summary>The spec's multi-plugin example, step 3: paints class ids into an 8-bit image.</summary>
[InputPort("labels", DType.Int32, -1, -1, -1, 1)]
[OutputPort("image", DType.UInt8, -1, -1, -1, 1)]
public sealed class Visualizer(int brightness = 255) : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var labels = inputs.Required("labels");
        var image = Tensor.Create<byte>(labels.Shape.ToArray());
        var target = image.AsSpan<byte>();
        var source = labels.AsReadOnlySpan<int>();
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = source[i] == 0 ? (byte)0 : (byte)brightness;
        }

        return new NodeOutputs().Set("image", image);
    }
}
