using System.Buffers.Binary;

namespace Cuvis.Sandbox.Client.Tests.Tensors;

/// <summary>A test run once per element type, with that type's sample values and their little-endian bytes.</summary>
internal interface IElementTest
{
    void Run<T>(DType dtype, T[] values, byte[] littleEndian)
        where T : unmanaged;
}

/// <summary>Six awkward values per dtype (extremes, signed zero, NaN payloads), their bytes encoded independently of the code under test.</summary>
internal static class ElementSamples
{
    /// <summary>The shape every sample fills: 2 x 3.</summary>
    public static readonly long[] Shape = [2, 3];

    public static TheoryData<DType> AllDTypes => new(Enum.GetValues<DType>());

    private delegate void Writer<T>(Span<byte> destination, T value);

    public static void Run(DType dtype, IElementTest test)
    {
        switch (dtype)
        {
            case DType.Float32:
                Run(test, dtype, 4, BinaryPrimitives.WriteSingleLittleEndian,
                    -0f, 1.5f, float.Epsilon, float.NegativeInfinity, float.MaxValue, BitConverter.Int32BitsToSingle(0x7FC0_1234));
                break;
            case DType.Float64:
                Run(test, dtype, 8, BinaryPrimitives.WriteDoubleLittleEndian,
                    -0d, Math.PI, double.Epsilon, double.PositiveInfinity, double.MinValue, BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF));
                break;
            case DType.Int32:
                Run(test, dtype, 4, BinaryPrimitives.WriteInt32LittleEndian, int.MinValue, -1, 0, 1, 0x0102_0304, int.MaxValue);
                break;
            case DType.Int64:
                Run(test, dtype, 8, BinaryPrimitives.WriteInt64LittleEndian, long.MinValue, -1L, 0L, 1L, 0x0102_0304_0506_0708L, long.MaxValue);
                break;
            case DType.UInt8:
                Run(test, dtype, 1, (destination, value) => destination[0] = value, (byte)0, (byte)1, (byte)127, (byte)128, (byte)200, byte.MaxValue);
                break;
            case DType.Bool:
                Run(test, dtype, 1, (destination, value) => destination[0] = value ? (byte)1 : (byte)0, true, false, true, true, false, false);
                break;
            case DType.Float16:
                Run(test, dtype, 2, BinaryPrimitives.WriteHalfLittleEndian,
                    Half.NegativeZero, (Half)1.5f, Half.Epsilon, Half.PositiveInfinity, Half.MaxValue, BitConverter.Int16BitsToHalf(0x7E01));
                break;
            case DType.UInt16:
                Run(test, dtype, 2, BinaryPrimitives.WriteUInt16LittleEndian, (ushort)0, (ushort)1, (ushort)0x0102, (ushort)4095, (ushort)40000, ushort.MaxValue);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null);
        }
    }

    private static void Run<T>(IElementTest test, DType dtype, int size, Writer<T> write, params T[] values)
        where T : unmanaged
    {
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            write(bytes.AsSpan(i * size, size), values[i]);
        }

        test.Run(dtype, values, bytes);
    }
}
