using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// Squared Mahalanobis distance of pixels from an image's background statistics, through the
/// pseudo-inverse of the covariance: with the eigen-decomposition cov = V diag(λ) Vᵀ, the
/// eigen-directions with λ &gt; rcond · λmax are kept and a pixel x scores
/// Σₖ ((vₖ · (x - μ)) / √λₖ)².
/// </summary>
/// <remarks>
/// The cutoff is relative to the largest eigenvalue, so scaling the data by any factor leaves the
/// kept directions, and therefore the scores, unchanged; an absolute ridge (cov + εI) would not.
/// Directions below the cutoff carry rounding noise, not signal: dropping them is what keeps a
/// near-singular covariance from blowing up. Everything is double; scores are rounded to float
/// only when stored.
/// </remarks>
internal sealed class MahalanobisScorer
{
    private const int PixelsPerTask = 1024;

    private readonly double[] _mean;
    private readonly double[] _whitening;

    private MahalanobisScorer(double[] mean, double[] whitening, int rank)
    {
        _mean = mean;
        _whitening = whitening;
        Rank = rank;
    }

    /// <summary>Gets the number of eigen-directions kept: the rank of the pseudo-inverse.</summary>
    public int Rank { get; }

    public static MahalanobisScorer Create(BackgroundStatistics statistics, double rcond)
    {
        var channels = statistics.Mean.Length;
        var eigen = new SymmetricEigen(statistics.Covariance, channels);
        var values = eigen.Values;
        var cutoff = channels == 0 ? 0 : rcond * TensorPrimitives.Max(values);

        // One row per kept direction: vₖ / √λₖ, so a pixel's score is the squared norm of W (x - μ).
        var rows = new List<double>();
        var rank = 0;
        for (var k = 0; k < channels; k++)
        {
            if (values[k] > cutoff && values[k] > 0)
            {
                var factor = 1 / Math.Sqrt(values[k]);
                for (var c = 0; c < channels; c++)
                {
                    rows.Add(eigen.Vectors[(c * channels) + k] * factor);
                }

                rank++;
            }
        }

        return new MahalanobisScorer(statistics.Mean, [.. rows], rank);
    }

    /// <summary>Writes the score of each of the <paramref name="pixels"/> pixels of <paramref name="image"/> to <paramref name="scores"/>.</summary>
    /// <param name="image">The image's float32 elements as bytes, pixel after pixel.</param>
    /// <param name="scores">One float32 per pixel, as bytes.</param>
    /// <param name="pixels">Height times width.</param>
    /// <param name="options">Carries the cancellation token.</param>
    public void Score(ReadOnlyMemory<byte> image, Memory<byte> scores, int pixels, ParallelOptions options)
    {
        var channels = _mean.Length;
        var tasks = (pixels + PixelsPerTask - 1) / PixelsPerTask;
        Parallel.For(0, tasks, options, task =>
        {
            var first = task * PixelsPerTask;
            var count = Math.Min(PixelsPerTask, pixels - first);
            var values = BackgroundStatistics.Floats(image).Slice(first * channels, count * channels);
            var target = MemoryMarshal.Cast<byte, float>(scores.Span).Slice(first, count);
            var centred = new double[channels];
            for (var p = 0; p < count; p++)
            {
                var pixel = values.Slice(p * channels, channels);
                for (var c = 0; c < channels; c++)
                {
                    centred[c] = pixel[c] - _mean[c];
                }

                target[p] = (float)SquaredNorm(centred);
            }
        });
    }

    private double SquaredNorm(ReadOnlySpan<double> centred)
    {
        var sum = 0.0;
        var whitening = _whitening.AsSpan();
        for (var row = 0; row < whitening.Length; row += centred.Length)
        {
            var projection = TensorPrimitives.Dot<double>(whitening.Slice(row, centred.Length), centred);
            sum += projection * projection;
        }

        return sum;
    }
}
