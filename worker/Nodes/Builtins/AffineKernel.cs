using System.Runtime.Intrinsics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// The two passes of a global min-max normalisation over float32 values: the minimum and maximum
/// together, then (x - min) * scale + offset, each a single trip through memory.
/// </summary>
/// <remarks>
/// TensorPrimitives has the pieces (Min, Max, Subtract, Multiply, Add) but each is its own pass
/// over the whole image: five trips through 32 MiB instead of two, measured 30 ms against 13.5 ms
/// for a 256 x 256 x 128 cube on one core. Vector256.Min and Max have TensorPrimitives' semantics
/// (NaN wins, -0 is below +0), and the map does the same float operations in the same order, so the
/// results are identical to the last bit.
/// </remarks>
internal static class AffineKernel
{
    /// <summary>Returns the minimum and maximum of <paramref name="values"/> (not empty); NaN for both if any value is NaN.</summary>
    public static (float Min, float Max) Range(ReadOnlySpan<float> values)
    {
        var i = 0;
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        if (values.Length >= Vector256<float>.Count)
        {
            var low = Vector256.Create(values[..Vector256<float>.Count]);
            var high = low;
            for (i = Vector256<float>.Count; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var vector = Vector256.Create(values.Slice(i, Vector256<float>.Count));
                low = Vector256.Min(low, vector);
                high = Vector256.Max(high, vector);
            }

            Span<float> lanes = stackalloc float[Vector256<float>.Count];
            low.CopyTo(lanes);
            min = TensorPrimitives.Min<float>(lanes);
            high.CopyTo(lanes);
            max = TensorPrimitives.Max<float>(lanes);
        }

        for (; i < values.Length; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }

        return (min, max);
    }

    /// <summary>Writes (x - <paramref name="min"/>) * <paramref name="scale"/> + <paramref name="offset"/> of each value to <paramref name="target"/>.</summary>
    public static void Map(ReadOnlySpan<float> values, float min, float scale, float offset, Span<float> target)
    {
        var vectorMin = Vector256.Create(min);
        var vectorScale = Vector256.Create(scale);
        var vectorOffset = Vector256.Create(offset);
        var i = 0;
        for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var mapped = ((Vector256.Create(values.Slice(i, Vector256<float>.Count)) - vectorMin) * vectorScale) + vectorOffset;
            mapped.CopyTo(target.Slice(i, Vector256<float>.Count));
        }

        for (; i < values.Length; i++)
        {
            target[i] = ((values[i] - min) * scale) + offset;
        }
    }
}
