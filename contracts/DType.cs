namespace Cuvis.Sandbox.Contracts;

/// <summary>
/// The element type of a <see cref="Tensor"/>. The numbers match the <c>cuvis_ai.v1.DType</c>
/// values on the wire, so they never change; zero is left unused because the wire reserves it
/// for "unspecified".
/// </summary>
/// <remarks>
/// Elements are stored little-endian. <see cref="DTypes.Of{T}"/> gives the .NET type of each
/// member and <see cref="DTypes.SizeOf(DType)"/> its size in bytes.
/// </remarks>
public enum DType
{
    // The names are the wire's and NumPy's (float32, int64, uint8); CA1720 would have us avoid them.
#pragma warning disable CA1720 // Identifier contains type name
    /// <summary>32-bit IEEE 754 floating point (<see cref="float"/>), 4 bytes.</summary>
    Float32 = 1,

    /// <summary>64-bit IEEE 754 floating point (<see cref="double"/>), 8 bytes.</summary>
    Float64 = 2,

    /// <summary>32-bit signed integer (<see cref="int"/>), 4 bytes.</summary>
    Int32 = 3,

    /// <summary>64-bit signed integer (<see cref="long"/>), 8 bytes.</summary>
    Int64 = 4,

    /// <summary>8-bit unsigned integer (<see cref="byte"/>), 1 byte.</summary>
    UInt8 = 5,

    /// <summary>Boolean (<see cref="bool"/>), 1 byte: 0 is false, 1 is true.</summary>
    Bool = 6,

    /// <summary>16-bit IEEE 754 floating point (<see cref="System.Half"/>), 2 bytes.</summary>
    Float16 = 7,

    /// <summary>16-bit unsigned integer (<see cref="ushort"/>), 2 bytes.</summary>
    UInt16 = 8,
#pragma warning restore CA1720
}
