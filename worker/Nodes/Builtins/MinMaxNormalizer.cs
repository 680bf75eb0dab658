using System.Runtime.InteropServices;
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
[NodeMetadata(NodeCategory.Transform, NodeTag.Hyperspectral, NodeTag.Preprocessing, NodeTag.Normalization)]
[InputPort("data", DType.Float32, -1, -1, -1, -1, Description = "Images, BHWC.")]
[OutputPort("normalized", DType.Float32, -1, -1, -1, -1, Description = "The images scaled to [outputMin, outputMax], BHWC.")]
internal sealed class MinMaxNormalizer : Node
{
    private const string Name = nameof(MinMaxNormalizer);

    // 4 MiB of float32 per parallel task: few enough tasks to cost nothing, enough to share out.
    private const int ChunkLength = 1024 * 1024;
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
        // Every element is written below, so the 32 MiB a typical cube needs is not zeroed first.
        var result = Tensor.Wrap(DType.Float32, shape.ToArray(), GC.AllocateUninitializedArray<byte>(checked(shape.Batch * shape.ImageLength * sizeof(float))));
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        for (var b = 0; b < shape.Batch && shape.ImageLength > 0; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_perChannel)
            {
                var image = data.AsReadOnlySpan<float>().Slice(b * shape.ImageLength, shape.ImageLength);
                NormalizePerChannel(image, result.AsSpan<float>().Slice(b * shape.ImageLength, shape.ImageLength), shape.Channels);
            }
            else
            {
                Normalize(data.Data.Slice(b * shape.ImageLength * sizeof(float), shape.ImageLength * sizeof(float)),
                    result.Data.Slice(b * shape.ImageLength * sizeof(float), shape.ImageLength * sizeof(float)), options);
            }
        }

        return new NodeOutputs().Set("normalized", result);
    }

    /// <summary>One affine map for the whole image, in chunks that run in parallel.</summary>
    private void Normalize(ReadOnlyMemory<byte> image, Memory<byte> target, ParallelOptions options)
    {
        var length = image.Length / sizeof(float);
        var chunks = (length + ChunkLength - 1) / ChunkLength;
        var ranges = new (float Min, float Max)[chunks];
        Parallel.For(0, chunks, options, chunk => ranges[chunk] = AffineKernel.Range(Chunk(image.Span, chunk, length)));

        // Math.Min and Max, like the vector ones: any NaN makes the minimum and maximum NaN.
        var (min, max) = ranges[0];
        foreach (var range in ranges)
        {
            min = Math.Min(min, range.Min);
            max = Math.Max(max, range.Max);
        }

        // max == min (constant) scales by 0, so every value lands on outputMin.
        var scale = max > min ? (float)((_outputMax - _outputMin) / ((double)max - min)) : 0f;
        Parallel.For(0, chunks, options, chunk =>
        {
            var values = Chunk(image.Span, chunk, length);
            AffineKernel.Map(values, min, scale, (float)_outputMin, MemoryMarshal.Cast<byte, float>(target.Span).Slice(chunk * ChunkLength, values.Length));
        });
    }

    private static ReadOnlySpan<float> Chunk(ReadOnlySpan<byte> image, int chunk, int length) =>
        MemoryMarshal.Cast<byte, float>(image).Slice(chunk * ChunkLength, Math.Min(ChunkLength, length - (chunk * ChunkLength)));

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
