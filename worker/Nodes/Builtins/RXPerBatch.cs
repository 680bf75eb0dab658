using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// The Reed-Xiaoli (RX) anomaly detector, per image: the mean spectrum and band covariance of all
/// pixels of each image of the batch, and each pixel's squared Mahalanobis distance from them.
/// Training-free, like cuvis-ai's RXPerBatch.
/// </summary>
/// <remarks>
/// Statistics and inverse are double precision even for float32 input, and the covariance is
/// inverted with a pseudo-inverse whose cutoff is relative to its largest eigenvalue (see
/// <see cref="MahalanobisScorer"/>), so scores do not depend on the units of the data: raw counts
/// and min-max normalised cubes rank pixels the same way. cuvis-ai instead adds an absolute
/// <c>eps</c> to the diagonal, which changes the result with the data's scale.
/// </remarks>
[NodeMetadata(NodeCategory.Transform, NodeTag.Hyperspectral, NodeTag.Anomaly, NodeTag.Inference)]
[InputPort("data", DType.Float32, -1, -1, -1, -1, Description = "Hyperspectral cube, BHWC.")]
[OutputPort("scores", DType.Float32, -1, -1, -1, 1,
    Description = "Squared Mahalanobis distance of each pixel from its image's background, BHWC with one channel.")]
internal sealed class RXPerBatch : Node
{
    private const string Name = nameof(RXPerBatch);
    private readonly double _rcond;

    /// <param name="rcond">
    /// Eigenvalues of the covariance at or below rcond times the largest are left out of the
    /// pseudo-inverse (as NumPy's <c>pinv(rcond=...)</c>); from 0 (only exact zeros) to below 1.
    /// The default sits well above the rounding noise of the double-precision statistics and
    /// eigen-solver (around 1e-13 of the largest eigenvalue), so exactly collinear bands are dropped,
    /// and well below the smallest eigenvalue of real full-rank scenes (2.6e-9 of the largest in
    /// abu_urban_2, the worst of the reference scenes), so those keep every direction.
    /// </param>
    public RXPerBatch(double rcond = 1e-10)
    {
        if (!(rcond is >= 0 and < 1))
        {
            throw NodeArgument.Parameter(Name, nameof(rcond), "at least 0 and below 1", rcond);
        }

        _rcond = rcond;
    }

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var (data, shape) = BhwcShape.Float32Input(inputs, Name, "data");
        var scores = Tensor.Create<float>(shape.WithChannels(1));
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        const int FloatSize = sizeof(float);
        for (var b = 0; b < shape.Batch && shape.Pixels > 0; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var image = data.Data.Slice(b * shape.ImageLength * FloatSize, shape.ImageLength * FloatSize);
            var statistics = BackgroundStatistics.Compute(image, shape.Pixels, shape.Channels, options);
            if (!statistics.Covariance.All(double.IsFinite))
            {
                throw NodeArgument.Input(Name, "data", "free of NaN and infinite values", $"some in image {b}");
            }

            MahalanobisScorer.Create(statistics, _rcond)
                .Score(image, scores.Data.Slice(b * shape.Pixels * FloatSize, shape.Pixels * FloatSize), shape.Pixels, options);
        }

        return new NodeOutputs().Set("scores", scores);
    }
}
