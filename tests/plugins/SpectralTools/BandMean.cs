using Cuvis.Sandbox.Contracts;

namespace SpectralTools;

/// <summary>Mean over the spectral axis of a BHWC cube.</summary>
[InputPort("cube", DType.Float32, -1, -1, -1, -1, Description = "Hyperspectral cube, BHWC.")]
[OutputPort("mean", DType.Float32, -1, -1, -1, 1, Description = "Mean over the bands.")]
public sealed class BandMean : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var cube = inputs.Required("cube");
        var shape = cube.Shape.ToArray();
        var bands = (int)shape[^1];
        var source = cube.AsReadOnlySpan<float>();
        var result = Tensor.Create<float>(shape[0], shape[1], shape[2], 1);
        var target = result.AsSpan<float>();
        for (var pixel = 0; pixel < target.Length; pixel++)
        {
            var sum = 0f;
            foreach (var value in source.Slice(pixel * bands, bands))
            {
                sum += value;
            }

            target[pixel] = bands == 0 ? 0f : sum / bands;
        }

        return new NodeOutputs().Set("mean", result);
    }
}
