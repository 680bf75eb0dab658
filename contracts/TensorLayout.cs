using System.Globalization;
using System.Text;

namespace Cuvis.Sandbox.Contracts;

/// <summary>
/// Shape arithmetic and checks shared by every <see cref="Tensor"/> factory, so each one rejects a
/// bad shape with the same message.
/// </summary>
internal static class TensorLayout
{
    /// <summary>The most bytes any tensor holds: <see cref="Memory{T}"/> is indexed by <see cref="int"/>.</summary>
    internal const int MaxByteLength = int.MaxValue;

    /// <summary>
    /// Returns the element count and byte length of a <paramref name="dtype"/> tensor of
    /// <paramref name="shape"/>, or throws an <see cref="ArgumentException"/> naming the problem.
    /// </summary>
    internal static (long Elements, int Bytes) Measure(DType dtype, ReadOnlySpan<long> shape, int maxBytes, string paramName)
    {
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
            {
                throw new ArgumentException(
                    $"Shape {Format(shape)} has a negative dimension ({shape[i]} at index {i}); dimensions must be 0 or more.",
                    paramName);
            }
        }

        // NumPy's rule: a zero anywhere means no elements, however large the other dimensions are.
        if (shape.Contains(0L))
        {
            return (0, 0);
        }

        long elements = 1;
        foreach (var dimension in shape)
        {
            if (elements > long.MaxValue / dimension)
            {
                throw new ArgumentException(
                    $"Shape {Format(shape)} overflows: its element count does not fit in a 64-bit integer.",
                    paramName);
            }

            elements *= dimension;
        }

        var itemSize = dtype.SizeOf();
        if (elements > maxBytes / itemSize)
        {
            var limit = maxBytes == MaxByteLength
                ? "int.MaxValue, the Memory<byte> limit"
                : $"Array.MaxLength, the managed array limit; {nameof(Tensor)}.{nameof(Tensor.Wrap)} takes native buffers up to int.MaxValue bytes";
            throw new ArgumentException(
                $"A {dtype} tensor of shape {Format(shape)} would need {(Int128)elements * itemSize} bytes, "
                + $"more than the {maxBytes} bytes a tensor can hold here ({limit}).",
                paramName);
        }

        return (elements, (int)(elements * itemSize));
    }

    /// <summary>Formats a shape as <c>[1, 512, 512, 128]</c>.</summary>
    internal static string Format(ReadOnlySpan<long> shape)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < shape.Length; i++)
        {
            builder.Append(i == 0 ? "" : ", ").Append(shape[i].ToString(CultureInfo.InvariantCulture));
        }

        return builder.Append(']').ToString();
    }

    /// <summary>
    /// Element views reinterpret the stored little-endian bytes in place, which is only right on a
    /// little-endian machine. The check folds to a constant, so it costs nothing where it passes.
    /// </summary>
    internal static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException(
                "Tensor elements are stored little-endian and this machine is big-endian; element views are not supported here.");
        }
    }
}
