using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// Z-score standardisation per image: <c>(x - mean) / (std + epsilon)</c> with the mean and the
/// population standard deviation of each image of the batch, over all pixels and bands, or band
/// by band with <c>perChannel</c>.
/// </summary>
/// <remarks>
/// Statistics are computed in double in two passes (mean, then squared deviations), which stays
/// accurate for raw counts in the thousands where a one-pass sum of squares cancels badly.
/// When <c>std + epsilon</c> is 0 (a constant image with epsilon 0) the output is 0.
/// </remarks>
[NodeMetadata(NodeCategory.Transform, NodeTag.Hyperspectral, NodeTag.Preprocessing, NodeTag.Normalization)]
[InputPort("data", DType.Float32, -1, -1, -1, -1, Description = "Images, BHWC.")]
[OutputPort("normalized", DType.Float32, -1, -1, -1, -1, Description = "The standardised images, BHWC.")]
internal sealed class ZScoreNormalizer : Node
{
    private const string Name = nameof(ZScoreNormalizer);
    private readonly bool _perChannel;
    private readonly double _epsilon;

    /// <param name="perChannel">Standardise each band with its own mean and deviation instead of the image's.</param>
    /// <param name="epsilon">Added to the standard deviation so a (nearly) constant image does not blow up; 0 or more.</param>
    public ZScoreNormalizer(bool perChannel = false, double epsilon = 1e-8)
    {
        if (!double.IsFinite(epsilon) || epsilon < 0)
        {
            throw NodeArgument.Parameter(Name, nameof(epsilon), "a finite number, 0 or more", epsilon);
        }

        _perChannel = perChannel;
        _epsilon = epsilon;
    }

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var (data, shape) = BhwcShape.Float32Input(inputs, Name, "data");
        var result = Tensor.Create<float>(shape.ToArray());
        // Global statistics are per-channel statistics with every value in one group.
        var groups = _perChannel ? shape.Channels : 1;
        var mean = new double[groups];
        var deviation = new double[groups];
        for (var b = 0; b < shape.Batch && shape.ImageLength > 0; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var image = data.AsReadOnlySpan<float>().Slice(b * shape.ImageLength, shape.ImageLength);
            var target = result.AsSpan<float>().Slice(b * shape.ImageLength, shape.ImageLength);
            Statistics(image, groups, mean, deviation);
            for (var offset = 0; offset < image.Length; offset += groups)
            {
                for (var g = 0; g < groups; g++)
                {
                    var divisor = deviation[g] + _epsilon;
                    target[offset + g] = divisor > 0 ? (float)((image[offset + g] - mean[g]) / divisor) : 0f;
                }
            }
        }

        return new NodeOutputs().Set("normalized", result);
    }

    private static void Statistics(ReadOnlySpan<float> image, int groups, double[] mean, double[] deviation)
    {
        Array.Clear(mean);
        Array.Clear(deviation);
        for (var offset = 0; offset < image.Length; offset += groups)
        {
            for (var g = 0; g < groups; g++)
            {
                mean[g] += image[offset + g];
            }
        }

        var count = image.Length / groups;
        for (var g = 0; g < groups; g++)
        {
            mean[g] /= count;
        }

        for (var offset = 0; offset < image.Length; offset += groups)
        {
            for (var g = 0; g < groups; g++)
            {
                var difference = image[offset + g] - mean[g];
                deviation[g] += difference * difference;
            }
        }

        for (var g = 0; g < groups; g++)
        {
            deviation[g] = Math.Sqrt(deviation[g] / count);
        }
    }
}
