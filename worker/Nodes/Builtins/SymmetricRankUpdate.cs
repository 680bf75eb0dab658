using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// The symmetric rank-k update P += Zᵀ Z of a block of rows (as BLAS's dsyrk), upper triangle
/// only, in register tiles of <see cref="TileRows"/> x <see cref="TileColumns"/> doubles.
/// </summary>
/// <remarks>
/// Rows are pixels and columns bands. Z comes packed in panels of 8 bands (see
/// <see cref="CentredPixels.LoadPanels"/>), so a tile walks two contiguous runs: the panel it
/// loads as vectors and the one it broadcasts 4 values from. With rows of 128 doubles unpacked,
/// every pixel's slice of a tile would start 1 KiB after the last and map to the same few L1
/// sets, which evicted the strips a tile re-reads. A tile keeps its 8 accumulators in registers
/// over the whole block and touches the product matrix once per block.
/// </remarks>
internal static class SymmetricRankUpdate
{
    public const int TileRows = 4;
    public const int TileColumns = 2 * 4;

    /// <summary>Adds Zᵀ Z to the tiles of <paramref name="products"/> (stride x stride, row-major) that touch or lie above the diagonal.</summary>
    /// <param name="panels">Z packed in stride / 8 panels of <paramref name="blockPixels"/> x 8 doubles.</param>
    /// <param name="blockPixels">The rows of Z.</param>
    /// <param name="stride">The padded band count, a multiple of <see cref="TileColumns"/>.</param>
    /// <param name="products">The stride x stride sums, row-major; the tiles below the diagonal are left alone.</param>
    public static void AddUpper(ReadOnlySpan<double> panels, int blockPixels, int stride, Span<double> products)
    {
        var panelLength = blockPixels * TileColumns;
        for (var i = 0; i < stride; i += TileRows)
        {
            var left = panels.Slice(i / TileColumns * panelLength, panelLength);
            var lane = i % TileColumns;
            for (var j = i / TileColumns * TileColumns; j < stride; j += TileColumns)
            {
                AddTile(left, lane, panels.Slice(j / TileColumns * panelLength, panelLength), products.Slice((i * stride) + j), stride);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddTile(ReadOnlySpan<double> left, int lane, ReadOnlySpan<double> right, Span<double> products, int stride)
    {
        var c00 = Vector256<double>.Zero;
        var c01 = Vector256<double>.Zero;
        var c10 = Vector256<double>.Zero;
        var c11 = Vector256<double>.Zero;
        var c20 = Vector256<double>.Zero;
        var c21 = Vector256<double>.Zero;
        var c30 = Vector256<double>.Zero;
        var c31 = Vector256<double>.Zero;
        left = left[lane..];
        for (var offset = 0; offset < right.Length; offset += TileColumns)
        {
            var a = left.Slice(offset, TileRows);
            var b = right.Slice(offset, TileColumns);
            var b0 = Vector256.Create(b[..4]);
            var b1 = Vector256.Create(b[4..]);
            var a0 = Vector256.Create(a[0]);
            c00 = Vector256.MultiplyAddEstimate(a0, b0, c00);
            c01 = Vector256.MultiplyAddEstimate(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Vector256.MultiplyAddEstimate(a1, b0, c10);
            c11 = Vector256.MultiplyAddEstimate(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Vector256.MultiplyAddEstimate(a2, b0, c20);
            c21 = Vector256.MultiplyAddEstimate(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Vector256.MultiplyAddEstimate(a3, b0, c30);
            c31 = Vector256.MultiplyAddEstimate(a3, b1, c31);
        }

        Accumulate(products[..TileColumns], c00, c01);
        Accumulate(products.Slice(stride, TileColumns), c10, c11);
        Accumulate(products.Slice(2 * stride, TileColumns), c20, c21);
        Accumulate(products.Slice(3 * stride, TileColumns), c30, c31);
    }

    private static void Accumulate(Span<double> target, Vector256<double> low, Vector256<double> high)
    {
        (Vector256.Create<double>(target[..4]) + low).CopyTo(target[..4]);
        (Vector256.Create<double>(target[4..]) + high).CopyTo(target[4..]);
    }
}
