using System.Runtime.CompilerServices;
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

    /// <summary>Adds every pixel of <paramref name="pixels"/> (pixel after pixel) to <paramref name="sums"/>, one double per band.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddTo(ReadOnlySpan<float> pixels, Span<double> sums)
    {
        var channels = sums.Length;
        var count = channels == 0 ? 0 : pixels.Length / channels;
        for (var p = 0; p < count; p++)
        {
            var pixel = pixels.Slice(p * channels, channels);
            var c = 0;
            for (; c <= channels - Vector256<float>.Count; c += Vector256<float>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.Create(pixel.Slice(c, Vector256<float>.Count)));
                var low = sums.Slice(c, Vector256<double>.Count);
                var high = sums.Slice(c + Vector256<double>.Count, Vector256<double>.Count);
                (Vector256.Create<double>(low) + lower).CopyTo(low);
                (Vector256.Create<double>(high) + upper).CopyTo(high);
            }

            for (; c < channels; c++)
            {
                sums[c] += pixel[c];
            }
        }
    }

    /// <summary>Fills <paramref name="rows"/> with <paramref name="pixels"/> (pixel after pixel) minus <paramref name="mean"/>; rows past the last pixel become zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// Fills <paramref name="panels"/> with the same centred values as <see cref="Load"/>, split into
    /// panels of <see cref="SymmetricRankUpdate.TileColumns"/> bands: panel q holds bands 8q..8q+7 of
    /// every pixel, pixel after pixel, so a tile of <see cref="SymmetricRankUpdate"/> reads its bands
    /// of successive pixels from one contiguous run instead of one cache line per 1 KiB row.
    /// </summary>
    /// <param name="pixels">Up to <paramref name="blockPixels"/> pixels, pixel after pixel.</param>
    /// <param name="mean">One value per band.</param>
    /// <param name="panels">Stride / 8 panels of <paramref name="blockPixels"/> x 8 doubles; pixels past the last become zero.</param>
    /// <param name="blockPixels">The pixels a panel has room for.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LoadPanels(ReadOnlySpan<float> pixels, ReadOnlySpan<double> mean, Span<double> panels, int blockPixels)
    {
        const int Width = SymmetricRankUpdate.TileColumns;
        var channels = mean.Length;
        var count = channels == 0 ? 0 : pixels.Length / channels;
        var panelLength = blockPixels * Width;
        if (count < blockPixels || channels % Width != 0)
        {
            panels.Clear();
        }

        // Pixel after pixel, so the float32 input is read once in order; each 8-band group fills
        // a whole cache line of its panel.
        var whole = channels / Width * Width;
        for (var p = 0; p < count; p++)
        {
            var pixel = pixels.Slice(p * channels, channels);
            for (var c = 0; c < whole; c += Width)
            {
                var (lower, upper) = Vector256.Widen(Vector256.Create(pixel.Slice(c, Width)));
                var target = panels.Slice((c / Width * panelLength) + (p * Width), Width);
                (lower - Vector256.Create(mean.Slice(c, Vector256<double>.Count))).CopyTo(target);
                (upper - Vector256.Create(mean.Slice(c + Vector256<double>.Count, Vector256<double>.Count))).CopyTo(target[Vector256<double>.Count..]);
            }
        }

        for (var c = whole; c < channels; c++)
        {
            var panel = panels.Slice(c / Width * panelLength, panelLength);
            for (var p = 0; p < count; p++)
            {
                panel[(p * Width) + (c - whole)] = pixels[(p * channels) + c] - mean[c];
            }
        }
    }
}
