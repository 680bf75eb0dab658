using Cuvis.Sandbox.Contracts;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// A false-colour RGB view of a cube: the bands nearest <c>redNm</c>, <c>greenNm</c> and
/// <c>blueNm</c> become the red, green and blue channels, and each image is scaled to [0, 1]
/// by the minimum and maximum of its three channels together (so their balance is kept).
/// </summary>
/// <remarks>
/// The nearest band wins even when it is far from the target; on a tie, the lower band. A
/// constant image maps to 0.
/// </remarks>
[NodeMetadata(NodeCategory.Transform, NodeTag.Hyperspectral, NodeTag.Rgb, NodeTag.DimReduction)]
[InputPort("cube", DType.Float32, -1, -1, -1, -1, Description = "Hyperspectral cube, BHWC.")]
[InputPort("wavelengths", DType.Float32, -1, Description = "Centre wavelength of each band of cube, in nm.")]
[OutputPort("rgb_image", DType.Float32, -1, -1, -1, 3, Description = "Red, green, blue in [0, 1], BHWC.")]
internal sealed class FalseRgbSelector : Node
{
    private const string Name = nameof(FalseRgbSelector);
    private readonly double[] _targets;

    /// <param name="redNm">Wavelength shown as red, in nm; positive.</param>
    /// <param name="greenNm">Wavelength shown as green, in nm; positive.</param>
    /// <param name="blueNm">Wavelength shown as blue, in nm; positive.</param>
    public FalseRgbSelector(double redNm = 650, double greenNm = 550, double blueNm = 450)
    {
        RequirePositive(nameof(redNm), redNm);
        RequirePositive(nameof(greenNm), greenNm);
        RequirePositive(nameof(blueNm), blueNm);
        _targets = [redNm, greenNm, blueNm];
    }

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var (cube, shape) = BhwcShape.Float32Input(inputs, Name, "cube");
        if (shape.Channels == 0)
        {
            throw NodeArgument.Input(Name, "cube", "a cube with at least one band", cube.ToString());
        }

        var wavelengths = Wavelengths.Read(inputs, Name, "wavelengths", shape.Channels);
        var bands = new int[3];
        for (var k = 0; k < 3; k++)
        {
            bands[k] = Wavelengths.Nearest(wavelengths, _targets[k]);
        }

        var rgb = Tensor.Create<float>(shape.WithChannels(3));
        var source = cube.AsReadOnlySpan<float>();
        var target = rgb.AsSpan<float>();
        for (var p = 0; p < shape.Batch * shape.Pixels; p++)
        {
            for (var k = 0; k < 3; k++)
            {
                target[(p * 3) + k] = source[(p * shape.Channels) + bands[k]];
            }
        }

        var imageLength = shape.Pixels * 3;
        for (var b = 0; b < shape.Batch && imageLength > 0; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ScaleToUnit(target.Slice(b * imageLength, imageLength));
        }

        return new NodeOutputs().Set("rgb_image", rgb);
    }

    private static void ScaleToUnit(Span<float> image)
    {
        double min = TensorPrimitives.Min(image);
        double max = TensorPrimitives.Max(image);
        var range = max - min;
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = range > 0 ? (float)((image[i] - min) / range) : 0f;
        }
    }

    private static void RequirePositive(string parameter, double value)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw NodeArgument.Parameter(Name, parameter, "a positive wavelength in nm", value);
        }
    }
}
