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
/// Within a chunk, blocks of 16 centred pixels (16 KiB of doubles at 128 bands, so they stay in L1
/// while every tile of <see cref="SymmetricRankUpdate"/> re-reads them) go through the blocked
/// rank-k update.
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
        var stride = CentredPixels.Stride(channels);
        var sums = ByChunk(pixels, stride, stride, options, (sum, _, first, count) =>
            CentredPixels.AddTo(Floats(image).Slice(first * channels, count * channels), sum.AsSpan(0, channels)));
        var mean = sums[..channels];
        TensorPrimitives.Divide(mean, Math.Max(pixels, 1), mean);

        var products = ByChunk(pixels, stride, stride * stride, options, (sum, rows, first, count) =>
        {
            for (var start = first; start < first + count; start += BlockPixels)
            {
                CentredPixels.LoadPanels(Block(image, channels, start, first + count), mean, rows, BlockPixels);
                SymmetricRankUpdate.AddUpper(rows, BlockPixels, stride, sum);
            }
        });

        // Only the upper triangle was accumulated; mirror it.
        var covariance = new double[channels * channels];
        var divisor = Math.Max(pixels - 1, 1);
        for (var i = 0; i < channels; i++)
        {
            for (var j = i; j < channels; j++)
            {
                var value = products[(i * stride) + j] / divisor;
                covariance[(i * channels) + j] = value;
                covariance[(j * channels) + i] = value;
            }
        }

        return new BackgroundStatistics(mean, covariance);
    }

    public static ReadOnlySpan<float> Floats(ReadOnlyMemory<byte> bytes) => MemoryMarshal.Cast<byte, float>(bytes.Span);

    /// <summary>The pixels from <paramref name="start"/> to at most one block on, short of <paramref name="end"/>.</summary>
    private static ReadOnlySpan<float> Block(ReadOnlyMemory<byte> image, int channels, int start, int end) =>
        Floats(image).Slice(start * channels, Math.Min(BlockPixels, end - start) * channels);

    /// <summary>
    /// Runs <paramref name="accumulate"/> over contiguous pixel ranges in parallel, each with a zeroed
    /// accumulator of <paramref name="length"/> and a block buffer of <paramref name="stride"/>-wide
    /// rows, and adds their results in order.
    /// </summary>
    private static double[] ByChunk(int pixels, int stride, int length, ParallelOptions options, Action<double[], double[], int, int> accumulate)
    {
        var blocks = Math.Max((pixels + BlockPixels - 1) / BlockPixels, 1);
        var blocksPerChunk = (blocks + MaxChunks - 1) / MaxChunks;
        var chunks = (blocks + blocksPerChunk - 1) / blocksPerChunk;
        var pixelsPerChunk = blocksPerChunk * BlockPixels;
        var results = new double[chunks][];
        Parallel.For(0, chunks, options, chunk =>
        {
            var result = new double[length];
            var first = chunk * pixelsPerChunk;
            var count = Math.Min(pixels - first, pixelsPerChunk);
            accumulate(result, new double[BlockPixels * stride], first, count);
            results[chunk] = result;
        });

        var total = results[0];
        for (var chunk = 1; chunk < chunks; chunk++)
        {
            TensorPrimitives.Add(total, results[chunk], total);
        }

        return total;
    }
}
