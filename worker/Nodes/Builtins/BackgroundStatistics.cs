using System.Buffers;
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
/// Within a chunk, blocks of 128 centred pixels, packed into 8-band panels (128 KiB of doubles at
/// 128 bands, in L2, each panel 8 KiB, in L1 while a tile re-reads it), go through the blocked
/// rank-k update of <see cref="SymmetricRankUpdate"/>.
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
        var mean = ByChunk(pixels, channels, 0, options, (sum, _, first, count) =>
            CentredPixels.AddTo(Floats(image).Slice(first * channels, count * channels), sum));
        TensorPrimitives.Divide(mean, Math.Max(pixels, 1), mean);

        var products = ByChunk(pixels, stride * stride, BlockPixels * stride, options, (sum, rows, first, count) =>
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
    /// accumulator of <paramref name="length"/> and a scratch buffer of <paramref name="bufferLength"/>,
    /// and adds their results in order.
    /// </summary>
    /// <remarks>
    /// Accumulators and buffers (128 KiB each at 128 bands, so large-object-heap arrays) come from
    /// the shared pool: fresh ones would be 8 MiB of zeroed large-object allocations per image.
    /// </remarks>
    private static double[] ByChunk(int pixels, int length, int bufferLength, ParallelOptions options, ChunkAccumulator accumulate)
    {
        var blocks = Math.Max((pixels + BlockPixels - 1) / BlockPixels, 1);
        var blocksPerChunk = (blocks + MaxChunks - 1) / MaxChunks;
        var chunks = (blocks + blocksPerChunk - 1) / blocksPerChunk;
        var pixelsPerChunk = blocksPerChunk * BlockPixels;
        var results = new double[chunks][];
        try
        {
            Parallel.For(0, chunks, options, chunk =>
            {
                var result = ArrayPool<double>.Shared.Rent(length);
                results[chunk] = result;
                result.AsSpan(0, length).Clear();
                var buffer = ArrayPool<double>.Shared.Rent(bufferLength);
                try
                {
                    var first = chunk * pixelsPerChunk;
                    accumulate(result.AsSpan(0, length), buffer.AsSpan(0, bufferLength), first, Math.Min(pixels - first, pixelsPerChunk));
                }
                finally
                {
                    ArrayPool<double>.Shared.Return(buffer);
                }
            });

            var total = results[0].AsSpan(0, length).ToArray();
            for (var chunk = 1; chunk < chunks; chunk++)
            {
                TensorPrimitives.Add(total, results[chunk].AsSpan(0, length), total);
            }

            return total;
        }
        finally
        {
            foreach (var result in results)
            {
                if (result is not null)
                {
                    ArrayPool<double>.Shared.Return(result);
                }
            }
        }
    }

    private delegate void ChunkAccumulator(Span<double> sum, Span<double> buffer, int first, int count);
}
