using System.Globalization;
using System.Text;

namespace Cuvis.Sandbox.Client;

/// <summary>Shape arithmetic shared by every <see cref="TensorData"/> factory and the wire reader, so each refuses a bad shape with the same words.</summary>
internal static class TensorLayout
{
    /// <summary>The element count and byte length of a <paramref name="dtype"/> tensor of <paramref name="shape"/>, or why there is none.</summary>
    public static bool TryMeasure(DType dtype, ReadOnlySpan<long> shape, out long elements, out int bytes, out string? problem)
    {
        elements = 0;
        bytes = 0;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
            {
                problem = $"Shape {Format(shape)} has a negative dimension ({shape[i]} at index {i}); dimensions must be 0 or more.";
                return false;
            }
        }

        // NumPy's rule: a zero anywhere means no elements, however large the other dimensions are.
        if (shape.Contains(0L))
        {
            problem = null;
            return true;
        }

        long count = 1;
        foreach (var dimension in shape)
        {
            if (count > long.MaxValue / dimension)
            {
                problem = $"Shape {Format(shape)} overflows: its element count does not fit in a 64-bit integer.";
                return false;
            }

            count *= dimension;
        }

        var itemSize = ElementTypes.SizeOf(dtype);
        if (count > int.MaxValue / itemSize)
        {
            problem = $"A {dtype} tensor of shape {Format(shape)} would need {(Int128)count * itemSize} bytes, "
                + $"more than the {int.MaxValue} bytes one tensor (a protobuf bytes field) can hold.";
            return false;
        }

        elements = count;
        bytes = (int)(count * itemSize);
        problem = null;
        return true;
    }

    /// <summary>Formats a shape as <c>[1, 512, 512, 128]</c>.</summary>
    public static string Format(ReadOnlySpan<long> shape)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < shape.Length; i++)
        {
            builder.Append(i == 0 ? "" : ", ").Append(shape[i].ToString(CultureInfo.InvariantCulture));
        }

        return builder.Append(']').ToString();
    }

    /// <summary>Element views reinterpret the little-endian wire bytes in place, which is right only on a little-endian machine.</summary>
    public static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException(
                "Tensor elements are little-endian on the wire and this machine is big-endian; typed tensor views are not supported here.");
        }
    }
}
