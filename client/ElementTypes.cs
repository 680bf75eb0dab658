namespace Cuvis.Sandbox.Client;

/// <summary>The mapping between <see cref="DType"/> and the .NET element types, and element sizes.</summary>
internal static class ElementTypes
{
    public const string Supported = "float, double, int, long, byte, bool, Half, ushort";

    // typeof(T) comparisons fold to a constant when the JIT specialises T.
    public static bool TryOf<T>(out DType dtype)
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

    /// <summary>The <see cref="DType"/> of <typeparamref name="T"/>, or an <see cref="ArgumentException"/> naming the supported types.</summary>
    public static DType Of<T>()
        where T : unmanaged =>
        TryOf<T>(out var dtype)
            ? dtype
            : throw new ArgumentException($"{typeof(T).FullName} is not a tensor element type. Supported: {Supported}.", nameof(T));

    public static bool IsDefined(DType dtype) => dtype is >= DType.Float32 and <= DType.UInt16;

    public static int SizeOf(DType dtype) => dtype switch
    {
        DType.UInt8 or DType.Bool => 1,
        DType.Float16 or DType.UInt16 => 2,
        DType.Float32 or DType.Int32 => 4,
        DType.Float64 or DType.Int64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, $"{(int)dtype} is not a defined {nameof(DType)} (1 to 8)."),
    };

    /// <summary>The C# name of the element type of <paramref name="dtype"/>, for messages that say what to write.</summary>
    public static string CSharpName(DType dtype) => dtype switch
    {
        DType.Float32 => "float",
        DType.Float64 => "double",
        DType.Int32 => "int",
        DType.Int64 => "long",
        DType.UInt8 => "byte",
        DType.Bool => "bool",
        DType.Float16 => "Half",
        DType.UInt16 => "ushort",
        _ => ((int)dtype).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
