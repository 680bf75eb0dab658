using System.Runtime.Intrinsics;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// The squared norm ‖T z‖² of each row z of a block, for an upper trapezoidal T (zero below its
/// diagonal), in register tiles of 4 rows x 8 entries of T z: a matrix product whose result is
/// squared and summed in registers instead of stored.
/// </summary>
/// <remarks>
/// T is given transposed (row c holds column c of T), so a tile loads 8 entries of T as two
/// vectors and broadcasts one value of each of its 4 rows. The trapezoid lets the tile for entries
/// k..k+7 of T z start at band k: half the multiply-adds of a full product.
/// </remarks>
internal static class TriangularSquaredNorms
{
    public const int TileRows = 4;
    private const int TileColumns = SymmetricRankUpdate.TileColumns;

    /// <summary>Adds ‖T z‖² of each row of <paramref name="block"/> to <paramref name="norms"/>.</summary>
    /// <param name="block">Rows z of <paramref name="stride"/> doubles, as many as <paramref name="norms"/> has entries.</param>
    /// <param name="stride">The row length, a multiple of 8.</param>
    /// <param name="transposed">Tᵀ: stride x stride, row-major, zero wherever T is.</param>
    /// <param name="rank">The rows of T that are not zero.</param>
    /// <param name="norms">One sum per row, a multiple of <see cref="TileRows"/> of them.</param>
    public static void Add(ReadOnlySpan<double> block, int stride, ReadOnlySpan<double> transposed, int rank, Span<double> norms)
    {
        for (var k = 0; k < rank; k += TileColumns)
        {
            for (var p = 0; p < norms.Length; p += TileRows)
            {
                AddTile(block.Slice(p * stride, TileRows * stride), stride, transposed, k, norms.Slice(p, TileRows));
            }
        }
    }

    private static void AddTile(ReadOnlySpan<double> rows, int stride, ReadOnlySpan<double> transposed, int k, Span<double> norms)
    {
        var c00 = Vector256<double>.Zero;
        var c01 = Vector256<double>.Zero;
        var c10 = Vector256<double>.Zero;
        var c11 = Vector256<double>.Zero;
        var c20 = Vector256<double>.Zero;
        var c21 = Vector256<double>.Zero;
        var c30 = Vector256<double>.Zero;
        var c31 = Vector256<double>.Zero;
        var row0 = rows[..stride];
        var row1 = rows.Slice(stride, stride);
        var row2 = rows.Slice(2 * stride, stride);
        var row3 = rows.Slice(3 * stride, stride);
        for (var c = k; c < stride; c++)
        {
            var column = transposed.Slice((c * stride) + k, TileColumns);
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
