using Cuvis.Sandbox.Contracts;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// Min-max normalisation per image: maps each image of the batch linearly so its minimum becomes
/// <c>outputMin</c> and its maximum <c>outputMax</c>, over all pixels and bands, or band by band
/// with <c>perChannel</c>. A constant image (or band) maps to <c>outputMin</c>.
/// </summary>
/// <remarks>
/// Training-free like cuvis-ai's per-sample mode: no running statistics. The global mode is one
/// affine map per image, which keeps scale-invariant detectors such as <see cref="RXPerBatch"/> unchanged.
/// </remarks>
[InputPort("data", DType.Float32, -1, -1, -1, -1, Description = "Images, BHWC.")]
[OutputPort("normalized", DType.Float32, -1, -1, -1, -1, Description = "The images scaled to [outputMin, outputMax], BHWC.")]
internal sealed class MinMaxNormalizer : Node
{
    private const string Name = nameof(MinMaxNormalizer);
    private readonly bool _perChannel;
    private readonly double _outputMin;
    private readonly double _outputMax;

    /// <param name="perChannel">Scale each band by its own range instead of the image's.</param>
    /// <param name="outputMin">The value an image's minimum maps to.</param>
    /// <param name="outputMax">The value an image's maximum maps to; greater than <paramref name="outputMin"/>.</param>
    public MinMaxNormalizer(bool perChannel = false, double outputMin = 0, double outputMax = 1)
    {
        NodeArgument.RequireFinite(Name, nameof(outputMin), outputMin);
        NodeArgument.RequireFinite(Name, nameof(outputMax), outputMax);
        if (outputMax <= outputMin)
        {
            throw NodeArgument.Parameter(Name, nameof(outputMax), $"greater than outputMin ({NodeArgument.Format(outputMin)})", outputMax);
        }

        _perChannel = perChannel;
        _outputMin = outputMin;
        _outputMax = outputMax;
    }

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var (data, shape) = BhwcShape.Float32Input(inputs, Name, "data");
        var result = Tensor.Create<float>(shape.ToArray());
        for (var b = 0; b < shape.Batch && shape.ImageLength > 0; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var image = data.AsReadOnlySpan<float>().Slice(b * shape.ImageLength, shape.ImageLength);
            var target = result.AsSpan<float>().Slice(b * shape.ImageLength, shape.ImageLength);
            if (_perChannel)
            {
                NormalizePerChannel(image, target, shape.Channels);
            }
            else
            {
                Normalize(image, target, TensorPrimitives.Min(image), TensorPrimitives.Max(image));
            }
        }

        return new NodeOutputs().Set("normalized", result);
    }

    private void Normalize(ReadOnlySpan<float> values, Span<float> target, float min, float max)
    {
        // One affine map for the whole image, vectorised; max == min (constant) scales by 0, so
        // every value lands on outputMin.
        var scale = max > min ? (float)((_outputMax - _outputMin) / ((double)max - min)) : 0f;
        TensorPrimitives.Subtract(values, min, target);
        TensorPrimitives.Multiply(target, scale, target);
        TensorPrimitives.Add(target, (float)_outputMin, target);
    }

    private void NormalizePerChannel(ReadOnlySpan<float> image, Span<float> target, int channels)
    {
        var min = image[..channels].ToArray();
        var max = image[..channels].ToArray();
        for (var offset = channels; offset < image.Length; offset += channels)
        {
            var pixel = image.Slice(offset, channels);
            TensorPrimitives.Min(pixel, min, min);
            TensorPrimitives.Max(pixel, max, max);
        }

        var scale = new double[channels];
        for (var c = 0; c < channels; c++)
        {
            scale[c] = max[c] > min[c] ? (_outputMax - _outputMin) / ((double)max[c] - min[c]) : 0;
        }

        for (var offset = 0; offset < image.Length; offset += channels)
        {
            for (var c = 0; c < channels; c++)
            {
                target[offset + c] = (float)(_outputMin + ((image[offset + c] - (double)min[c]) * scale[c]));
            }
        }
    }
}
