using System.Runtime.Intrinsics;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// The symmetric rank-k update P += Zᵀ Z of a block of rows (as BLAS's dsyrk), upper triangle
/// only, in register tiles of <see cref="TileRows"/> x <see cref="TileColumns"/> doubles.
/// </summary>
/// <remarks>
/// Rows are pixels and columns bands, so each row holds both the values a tile broadcasts and the
/// ones it loads as vectors: no packing. A tile keeps its 8 accumulators in registers over the
/// whole block and touches the product matrix once per block, which is what moves the update from
/// memory speed (one Dot per band pair) to multiply-add speed. Blocks of a few dozen rows keep the
/// block in L2 and the strip a tile re-reads in L1.
/// </remarks>
internal static class SymmetricRankUpdate
{
    public const int TileRows = 4;
    public const int TileColumns = 2 * 4;

    /// <summary>Adds Zᵀ Z to the tiles of <paramref name="products"/> (stride x stride, row-major) that touch or lie above the diagonal.</summary>
    /// <param name="block">Z: rows of <paramref name="stride"/> doubles.</param>
    /// <param name="stride">The row length, a multiple of <see cref="TileColumns"/>.</param>
    /// <param name="products">The stride x stride sums, row-major; the tiles below the diagonal are left alone.</param>
    public static void AddUpper(ReadOnlySpan<double> block, int stride, Span<double> products)
    {
        for (var i = 0; i < stride; i += TileRows)
        {
            for (var j = i / TileColumns * TileColumns; j < stride; j += TileColumns)
            {
                AddTile(block, stride, i, j, products);
            }
        }
    }

    private static void AddTile(ReadOnlySpan<double> block, int stride, int i, int j, Span<double> products)
    {
        var c00 = Vector256<double>.Zero;
        var c01 = Vector256<double>.Zero;
        var c10 = Vector256<double>.Zero;
        var c11 = Vector256<double>.Zero;
        var c20 = Vector256<double>.Zero;
        var c21 = Vector256<double>.Zero;
        var c30 = Vector256<double>.Zero;
        var c31 = Vector256<double>.Zero;
        for (var offset = 0; offset < block.Length; offset += stride)
        {
            var left = block.Slice(offset + i, TileRows);
            var right = block.Slice(offset + j, TileColumns);
            var b0 = Vector256.Create(right[..4]);
            var b1 = Vector256.Create(right[4..]);
            var a = Vector256.Create(left[0]);
            c00 = Vector256.MultiplyAddEstimate(a, b0, c00);
            c01 = Vector256.MultiplyAddEstimate(a, b1, c01);
            a = Vector256.Create(left[1]);
            c10 = Vector256.MultiplyAddEstimate(a, b0, c10);
            c11 = Vector256.MultiplyAddEstimate(a, b1, c11);
            a = Vector256.Create(left[2]);
            c20 = Vector256.MultiplyAddEstimate(a, b0, c20);
            c21 = Vector256.MultiplyAddEstimate(a, b1, c21);
            a = Vector256.Create(left[3]);
            c30 = Vector256.MultiplyAddEstimate(a, b0, c30);
            c31 = Vector256.MultiplyAddEstimate(a, b1, c31);
        }

        Accumulate(products.Slice((i * stride) + j, TileColumns), c00, c01);
        Accumulate(products.Slice(((i + 1) * stride) + j, TileColumns), c10, c11);
        Accumulate(products.Slice(((i + 2) * stride) + j, TileColumns), c20, c21);
        Accumulate(products.Slice(((i + 3) * stride) + j, TileColumns), c30, c31);
    }

    private static void Accumulate(Span<double> target, Vector256<double> low, Vector256<double> high)
    {
        (Vector256.Create<double>(target[..4]) + low).CopyTo(target[..4]);
        (Vector256.Create<double>(target[4..]) + high).CopyTo(target[4..]);
    }
}
