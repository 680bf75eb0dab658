using System.Runtime.Intrinsics;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// Turns float32 pixels into double rows minus a mean spectrum, each row padded with zeros to a
/// stride that is a whole number of vectors: the layout the blocked RX kernels read.
/// </summary>
/// <remarks>
/// The padding is what lets <see cref="SymmetricRankUpdate"/> and <see cref="TriangularSquaredNorms"/>
/// run whole vector tiles for any band count: a zero band adds nothing to a product.
/// </remarks>
internal static class CentredPixels
{
    /// <summary>The row stride for <paramref name="channels"/> bands: the next multiple of the kernels' tile width.</summary>
    public static int Stride(int channels) => (channels + SymmetricRankUpdate.TileColumns - 1) / SymmetricRankUpdate.TileColumns * SymmetricRankUpdate.TileColumns;

    /// <summary>Fills <paramref name="rows"/> with <paramref name="pixels"/> (pixel after pixel) minus <paramref name="mean"/>; rows past the last pixel become zero.</summary>
    public static void Load(ReadOnlySpan<float> pixels, ReadOnlySpan<double> mean, Span<double> rows, int stride)
    {
        var channels = mean.Length;
        var count = channels == 0 ? 0 : pixels.Length / channels;
        for (var p = 0; p < count; p++)
        {
            var pixel = pixels.Slice(p * channels, channels);
            var row = rows.Slice(p * stride, stride);
            var c = 0;
            for (; c <= channels - Vector256<float>.Count; c += Vector256<float>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.Create(pixel.Slice(c, Vector256<float>.Count)));
                (lower - Vector256.Create(mean.Slice(c, Vector256<double>.Count))).CopyTo(row.Slice(c, Vector256<double>.Count));
                (upper - Vector256.Create(mean.Slice(c + Vector256<double>.Count, Vector256<double>.Count))).CopyTo(row.Slice(c + Vector256<double>.Count, Vector256<double>.Count));
            }

            for (; c < channels; c++)
            {
                row[c] = pixel[c] - mean[c];
            }

            row[channels..].Clear();
        }

        rows[(count * stride)..].Clear();
    }
}
