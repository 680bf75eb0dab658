using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// The squared norm ‖T z‖² of each row z of a block, for an upper trapezoidal T (zero below its
/// diagonal), in register tiles of 4 rows x 8 entries of T z: a matrix product whose result is
/// squared and summed in registers instead of stored.
/// </summary>
/// <remarks>
/// T is packed once per image (<see cref="Pack"/>) into one panel per 8 rows of T: panel k holds
/// columns k..stride-1 of rows k..k+7, column after column, so a tile loads 8 entries of T as two
/// vectors from one contiguous run (in the unpacked transposed layout they sat 1 KiB apart and
/// thrashed a few L1 sets) and broadcasts one value of each of its 4 rows. The trapezoid lets the
/// tile for entries k..k+7 of T z start at band k: half the multiply-adds of a full product.
/// </remarks>
internal static class TriangularSquaredNorms
{
    public const int TileRows = 4;
    private const int TileColumns = SymmetricRankUpdate.TileColumns;

    /// <summary>Packs Tᵀ (stride x stride, row-major, row c holding column c of T) into the panels <see cref="Add"/> reads.</summary>
    /// <param name="transposed">Tᵀ, zero wherever T is.</param>
    /// <param name="stride">The row length, a multiple of 8.</param>
    /// <param name="rank">The rows of T that are not zero.</param>
    public static double[] Pack(ReadOnlySpan<double> transposed, int stride, int rank)
    {
        var packed = new double[PackedLength(stride, rank)];
        var offset = 0;
        for (var k = 0; k < rank; k += TileColumns)
        {
            for (var c = k; c < stride; c++)
            {
                transposed.Slice((c * stride) + k, TileColumns).CopyTo(packed.AsSpan(offset, TileColumns));
                offset += TileColumns;
            }
        }

        return packed;
    }

    /// <summary>Adds ‖T z‖² of each row of <paramref name="block"/> to <paramref name="norms"/>.</summary>
    /// <param name="block">Rows z of <paramref name="stride"/> doubles, as many as <paramref name="norms"/> has entries.</param>
    /// <param name="stride">The row length, a multiple of 8.</param>
    /// <param name="packed">T as <see cref="Pack"/> returned it.</param>
    /// <param name="rank">The rows of T that are not zero.</param>
    /// <param name="norms">One sum per row, a multiple of <see cref="TileRows"/> of them.</param>
    public static void Add(ReadOnlySpan<double> block, int stride, ReadOnlySpan<double> packed, int rank, Span<double> norms)
    {
        var offset = 0;
        for (var k = 0; k < rank; k += TileColumns)
        {
            var panel = packed.Slice(offset, (stride - k) * TileColumns);
            for (var p = 0; p < norms.Length; p += TileRows)
            {
                AddTile(block.Slice(p * stride, TileRows * stride), stride, panel, k, norms.Slice(p, TileRows));
            }

            offset += panel.Length;
        }
    }

    private static int PackedLength(int stride, int rank)
    {
        var length = 0;
        for (var k = 0; k < rank; k += TileColumns)
        {
            length += (stride - k) * TileColumns;
        }

        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddTile(ReadOnlySpan<double> rows, int stride, ReadOnlySpan<double> panel, int k, Span<double> norms)
    {
        var c00 = Vector256<double>.Zero;
        var c01 = Vector256<double>.Zero;
        var c10 = Vector256<double>.Zero;
        var c11 = Vector256<double>.Zero;
        var c20 = Vector256<double>.Zero;
        var c21 = Vector256<double>.Zero;
        var c30 = Vector256<double>.Zero;
        var c31 = Vector256<double>.Zero;
        var row0 = rows.Slice(k, stride - k);
        var row1 = rows.Slice(stride + k, stride - k);
        var row2 = rows.Slice((2 * stride) + k, stride - k);
        var row3 = rows.Slice((3 * stride) + k, stride - k);
        for (var c = 0; c < row0.Length; c++)
        {
            var column = panel.Slice(c * TileColumns, TileColumns);
            var b0 = Vector256.Create(column[..4]);
            var b1 = Vector256.Create(column[4..]);
            var a = Vector256.Create(row0[c]);
            c00 = Vector256.MultiplyAddEstimate(a, b0, c00);
            c01 = Vector256.MultiplyAddEstimate(a, b1, c01);
            a = Vector256.Create(row1[c]);
            c10 = Vector256.MultiplyAddEstimate(a, b0, c10);
            c11 = Vector256.MultiplyAddEstimate(a, b1, c11);
            a = Vector256.Create(row2[c]);
            c20 = Vector256.MultiplyAddEstimate(a, b0, c20);
            c21 = Vector256.MultiplyAddEstimate(a, b1, c21);
            a = Vector256.Create(row3[c]);
            c30 = Vector256.MultiplyAddEstimate(a, b0, c30);
            c31 = Vector256.MultiplyAddEstimate(a, b1, c31);
        }

        norms[0] += Vector256.Sum((c00 * c00) + (c01 * c01));
        norms[1] += Vector256.Sum((c10 * c10) + (c11 * c11));
        norms[2] += Vector256.Sum((c20 * c20) + (c21 * c21));
        norms[3] += Vector256.Sum((c30 * c30) + (c31 * c31));
    }
}
