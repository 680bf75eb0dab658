using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// The mean spectrum and the band covariance of one image, in double precision, as RX needs them.
/// </summary>
/// <remarks>
/// Neighbouring bands are strongly correlated, so the covariance is close to singular and float32
/// statistics lose the small eigenvalues RX depends on (sandiego_plane's AUC drops from 0.94 to
/// 0.82; see data/hsi-anomaly/README.md). Two passes: the mean first, then products of centred values, which avoids the
/// cancellation of a one-pass sum of squares on raw counts in the thousands.
/// The pixels are split into a fixed number of chunks that run in parallel, each with its own
/// accumulator, summed in chunk order: the result does not depend on the thread count or timing.
/// </remarks>
internal sealed class BackgroundStatistics
{
    private const int BlockPixels = 128;
    private const int MaxChunks = 32;

    private BackgroundStatistics(double[] mean, double[] covariance)
    {
        Mean = mean;
        Covariance = covariance;
    }

    /// <summary>Gets the mean of every band.</summary>
    public double[] Mean { get; }

    /// <summary>Gets the C x C covariance, row-major, divided by max(N - 1, 1) as <c>np.cov</c> and cuvis-ai do.</summary>
    public double[] Covariance { get; }

    /// <summary>Computes the statistics of <paramref name="pixels"/> pixels of <paramref name="channels"/> bands stored pixel after pixel.</summary>
    /// <param name="image">The image's float32 elements as bytes (a tensor's <c>Data</c> is bytes, and a span cannot cross into the parallel loop).</param>
    /// <param name="pixels">Height times width.</param>
    /// <param name="channels">Bands per pixel.</param>
    /// <param name="options">Carries the cancellation token.</param>
    public static BackgroundStatistics Compute(ReadOnlyMemory<byte> image, int pixels, int channels, ParallelOptions options)
    {
        var mean = ByChunk(pixels, options, () => new double[channels], (sum, first, count) =>
        {
            var values = Floats(image).Slice(first * channels, count * channels);
            for (var offset = 0; offset < values.Length; offset += channels)
            {
                for (var c = 0; c < channels; c++)
                {
                    sum[c] += values[offset + c];
                }
            }
        });
        TensorPrimitives.Divide(mean, Math.Max(pixels, 1), mean);

        var covariance = ByChunk(pixels, options, () => new double[channels * channels], (products, first, count) =>
        {
            var centred = new double[channels * BlockPixels];
            for (var start = first; start < first + count; start += BlockPixels)
            {
                var block = Floats(image).Slice(start * channels, Math.Min(BlockPixels, first + count - start) * channels);
                AddBlock(block, mean, centred, products);
            }
        });

        // Only the upper triangle was accumulated; mirror it.
        var divisor = Math.Max(pixels - 1, 1);
        for (var i = 0; i < channels; i++)
        {
            for (var j = i; j < channels; j++)
            {
                var value = covariance[(i * channels) + j] / divisor;
                covariance[(i * channels) + j] = value;
                covariance[(j * channels) + i] = value;
            }
        }

        return new BackgroundStatistics(mean, covariance);
    }

    public static ReadOnlySpan<float> Floats(ReadOnlyMemory<byte> bytes) => MemoryMarshal.Cast<byte, float>(bytes.Span);

    /// <summary>Runs <paramref name="accumulate"/> over contiguous pixel ranges in parallel and adds their results in order.</summary>
    private static double[] ByChunk(int pixels, ParallelOptions options, Func<double[]> create, Action<double[], int, int> accumulate)
    {
        var blocks = Math.Max((pixels + BlockPixels - 1) / BlockPixels, 1);
        var blocksPerChunk = (blocks + MaxChunks - 1) / MaxChunks;
        var chunks = (blocks + blocksPerChunk - 1) / blocksPerChunk;
        var pixelsPerChunk = blocksPerChunk * BlockPixels;
        var results = new double[chunks][];
        Parallel.For(0, chunks, options, chunk =>
        {
            var result = create();
            var first = chunk * pixelsPerChunk;
            var count = Math.Min(pixels - first, pixelsPerChunk);
            accumulate(result, first, count);
            results[chunk] = result;
        });

        var total = results[0];
        for (var chunk = 1; chunk < chunks; chunk++)
        {
            TensorPrimitives.Add(total, results[chunk], total);
        }

        return total;
    }

    /// <summary>Adds the outer products of a block of centred pixels to the upper triangle of <paramref name="products"/>.</summary>
    private static void AddBlock(ReadOnlySpan<float> block, double[] mean, double[] centred, double[] products)
    {
        var channels = mean.Length;
        var count = block.Length / channels;
        // Band-major, so one band's values over the block are contiguous and each band pair is one vectorised Dot.
        for (var p = 0; p < count; p++)
        {
            for (var c = 0; c < channels; c++)
            {
                centred[(c * BlockPixels) + p] = block[(p * channels) + c] - mean[c];
            }
        }

        for (var i = 0; i < channels; i++)
        {
            var bandI = centred.AsSpan(i * BlockPixels, count);
            var row = products.AsSpan(i * channels, channels);
            for (var j = i; j < channels; j++)
            {
                row[j] += TensorPrimitives.Dot<double>(bandI, centred.AsSpan(j * BlockPixels, count));
            }
        }
    }
}
