using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// Marks the highest values of each image as true: the threshold is the image's <c>quantile</c>
/// (over all its pixels and channels, linearly interpolated between order statistics as
/// <c>torch.quantile</c> and NumPy's default do), and values strictly above it are true.
/// </summary>
/// <remarks>
/// The threshold adapts to each image, so about (1 - quantile) of its values are marked whatever
/// the scale of the scores. NaN values are never marked and do not count toward the quantile.
/// </remarks>
[NodeMetadata(NodeCategory.Transform, NodeTag.Anomaly, NodeTag.Mask, NodeTag.Postprocessing)]
[InputPort("logits", DType.Float32, -1, -1, -1, -1, Description = "Logits or anomaly scores, BHWC.")]
[OutputPort("decisions", DType.Bool, -1, -1, -1, -1, Description = "Values above their image's quantile, same shape.")]
internal sealed class QuantileBinaryDecider : Node
{
    private const string Name = nameof(QuantileBinaryDecider);
    private readonly double _quantile;

    /// <param name="quantile">The quantile used as each image's threshold; strictly between 0 and 1.</param>
    public QuantileBinaryDecider(double quantile = 0.995)
    {
        if (!(quantile is > 0 and < 1))
        {
            throw NodeArgument.Parameter(Name, nameof(quantile), "strictly between 0 and 1", quantile);
        }

        _quantile = quantile;
    }

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var (logits, shape) = BhwcShape.Float32Input(inputs, Name, "logits");
        var decisions = Tensor.Create<bool>(shape.ToArray());
        var sorted = new float[shape.ImageLength];
        for (var b = 0; b < shape.Batch && shape.ImageLength > 0; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var image = logits.AsReadOnlySpan<float>().Slice(b * shape.ImageLength, shape.ImageLength);
            var target = decisions.AsSpan<bool>().Slice(b * shape.ImageLength, shape.ImageLength);
            var threshold = Threshold(image, sorted);
            for (var i = 0; i < image.Length; i++)
            {
                target[i] = image[i] > threshold;
            }
        }

        return new NodeOutputs().Set("decisions", decisions);
    }

    private double Threshold(ReadOnlySpan<float> image, float[] sorted)
    {
        var count = 0;
        foreach (var value in image)
        {
            if (!float.IsNaN(value))
            {
                sorted[count++] = value;
            }
        }

        if (count == 0)
        {
            return double.NaN;
        }

        var values = sorted.AsSpan(0, count);
        values.Sort();
        var position = _quantile * (count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, count - 1);
        return values[lower] + ((position - lower) * ((double)values[upper] - values[lower]));
    }
}
