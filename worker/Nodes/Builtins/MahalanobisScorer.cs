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
/// only when stored. The whitening W is triangularised once per image (<see cref="Triangularize"/>)
/// and pixels are scored in blocks by <see cref="TriangularSquaredNorms"/>.
/// </remarks>
internal sealed class MahalanobisScorer
{
    private const int PixelsPerTask = 1024;
    private const int BlockPixels = 64;

    private readonly double[] _mean;
    private readonly int _stride;
    private readonly double[] _packed;

    private MahalanobisScorer(double[] mean, int stride, double[] packed, int rank)
    {
        _mean = mean;
        _stride = stride;
        _packed = packed;
        Rank = rank;
    }

    /// <summary>Gets the number of eigen-directions kept: the rank of the pseudo-inverse.</summary>
    public int Rank { get; }

    public static MahalanobisScorer Create(BackgroundStatistics statistics, double rcond)
    {
        var channels = statistics.Mean.Length;
        var stride = CentredPixels.Stride(channels);
        var eigen = new SymmetricEigen(statistics.Covariance, channels);
        var values = eigen.Values;
        var cutoff = channels == 0 ? 0 : rcond * TensorPrimitives.Max(values);

        // W has one row per kept direction, vₖ / √λₖ, so a pixel's score is ‖W (x - μ)‖². Stored
        // transposed (row c holds column c of W), the layout TriangularSquaredNorms.Pack reads.
        var factor = new double[stride * stride];
        var rank = 0;
        for (var k = 0; k < channels; k++)
        {
            if (values[k] > cutoff && values[k] > 0)
            {
                var scale = 1 / Math.Sqrt(values[k]);
                for (var c = 0; c < channels; c++)
                {
                    factor[(c * stride) + rank] = eigen.Vectors[(c * channels) + k] * scale;
                }

                rank++;
            }
        }

        Triangularize(factor, stride, rank, channels);
        return new MahalanobisScorer(statistics.Mean, stride, TriangularSquaredNorms.Pack(factor, stride, rank), rank);
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
            var rows = new double[BlockPixels * _stride];
            var norms = new double[BlockPixels];
            var end = Math.Min(pixels, (task + 1) * PixelsPerTask);
            for (var first = task * PixelsPerTask; first < end; first += BlockPixels)
            {
                var count = Math.Min(BlockPixels, end - first);
                CentredPixels.Load(BackgroundStatistics.Floats(image).Slice(first * channels, count * channels), _mean, rows, _stride);
                Array.Clear(norms);
                TriangularSquaredNorms.Add(rows, _stride, _packed, Rank, norms);
                TensorPrimitives.ConvertTruncating<double, float>(norms.AsSpan(0, count), MemoryMarshal.Cast<byte, float>(scores.Span).Slice(first, count));
            }
        });
    }

    /// <summary>
    /// Replaces W (rank x channels, given transposed) by the T of its QR decomposition W = Q T, with
    /// Householder reflections: T is upper trapezoidal and ‖T z‖ = ‖W z‖ for every z, since Q is
    /// orthogonal, so scoring with T takes half the multiply-adds.
    /// </summary>
    /// <remarks>Backward stable like the eigen-solver, and it never forms Wᵀ W, whose condition is the square of W's.</remarks>
    private static void Triangularize(double[] transposed, int stride, int rank, int channels)
    {
        for (var k = 0; k < Math.Min(rank, channels); k++)
        {
            var reflector = transposed.AsSpan((k * stride) + k, rank - k);
            var norm = TensorPrimitives.Norm<double>(reflector);
            if (norm == 0)
            {
                continue;
            }

            var diagonal = reflector[0] > 0 ? -norm : norm;
            reflector[0] -= diagonal;
            var factor = 2 / TensorPrimitives.Dot<double>(reflector, reflector);
            for (var j = k + 1; j < channels; j++)
            {
                var column = transposed.AsSpan((j * stride) + k, rank - k);
                TensorPrimitives.MultiplyAdd(reflector, -factor * TensorPrimitives.Dot<double>(reflector, column), column, column);
            }

            reflector.Clear();
            reflector[0] = diagonal;
        }
    }
}
