namespace Cuvis.Sandbox.Contracts;

/// <summary>Sizes of <see cref="DType"/> elements and the mapping between .NET types and <see cref="DType"/>.</summary>
public static class DTypes
{
    /// <summary>Returns the size in bytes of one element of <paramref name="dtype"/>.</summary>
    /// <param name="dtype">The element type.</param>
    /// <returns>1, 2, 4 or 8; <see cref="DType.Bool"/> takes one byte.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined <see cref="DType"/>.</exception>
    public static int SizeOf(this DType dtype) => dtype switch
    {
        DType.UInt8 or DType.Bool => 1,
        DType.Float16 or DType.UInt16 => 2,
        DType.Float32 or DType.Int32 => 4,
        DType.Float64 or DType.Int64 => 8,
        _ => throw UndefinedDType(dtype, nameof(dtype)),
    };

    /// <summary>Returns the <see cref="DType"/> whose elements are stored as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">
    /// One of <see cref="float"/>, <see cref="double"/>, <see cref="int"/>, <see cref="long"/>,
    /// <see cref="byte"/>, <see cref="bool"/>, <see cref="Half"/> or <see cref="ushort"/>.
    /// </typeparam>
    /// <returns>The matching <see cref="DType"/>.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the supported element types.</exception>
    public static DType Of<T>()
        where T : unmanaged =>
        TryOf<T>(out var dtype)
            ? dtype
            : throw new NotSupportedException(
                $"{typeof(T).FullName} is not a tensor element type. Supported: float, double, int, long, byte, bool, Half, ushort.");

    // typeof(T) comparisons fold to a constant when the JIT specialises T, so this costs nothing.
    internal static bool TryOf<T>(out DType dtype)
        where T : unmanaged
    {
        dtype =
            typeof(T) == typeof(float) ? DType.Float32
            : typeof(T) == typeof(double) ? DType.Float64
            : typeof(T) == typeof(int) ? DType.Int32
            : typeof(T) == typeof(long) ? DType.Int64
            : typeof(T) == typeof(byte) ? DType.UInt8
            : typeof(T) == typeof(bool) ? DType.Bool
            : typeof(T) == typeof(Half) ? DType.Float16
            : typeof(T) == typeof(ushort) ? DType.UInt16
            : default;
        return dtype != default;
    }

    /// <summary>The C# name of the element type of <paramref name="dtype"/>, for messages that tell the user what to write.</summary>
    internal static string ElementTypeName(DType dtype) => dtype switch
    {
        DType.Float32 => "float",
        DType.Float64 => "double",
        DType.Int32 => "int",
        DType.Int64 => "long",
        DType.UInt8 => "byte",
        DType.Bool => "bool",
        DType.Float16 => "Half",
        DType.UInt16 => "ushort",
        _ => throw UndefinedDType(dtype, nameof(dtype)),
    };

    internal static bool IsDefined(DType dtype) => dtype is >= DType.Float32 and <= DType.UInt16;

    internal static ArgumentOutOfRangeException UndefinedDType(DType dtype, string paramName) =>
        new(paramName, dtype, $"{(int)dtype} is not a defined {nameof(DType)} (1 to 8).");
}
