namespace Cuvis.Sandbox.Client;

/// <summary>
/// The element type of a tensor, as <c>cuvis_ai.v1.DType</c> defines it; the numbers are the wire's.
/// </summary>
public enum DType
{
    // The names are the wire's and NumPy's (float32, int64, uint8), as in Cuvis.Sandbox.Contracts.
#pragma warning disable CA1720 // Identifier contains type name
    /// <summary>32-bit IEEE float; .NET <see cref="float"/>.</summary>
    Float32 = 1,

    /// <summary>64-bit IEEE float; .NET <see cref="double"/>.</summary>
    Float64 = 2,

    /// <summary>32-bit signed integer; .NET <see cref="int"/>.</summary>
    Int32 = 3,

    /// <summary>64-bit signed integer; .NET <see cref="long"/>.</summary>
    Int64 = 4,

    /// <summary>8-bit unsigned integer; .NET <see cref="byte"/>.</summary>
    UInt8 = 5,

    /// <summary>Boolean stored in one byte, 0 or 1; .NET <see cref="bool"/>.</summary>
    Bool = 6,

    /// <summary>16-bit IEEE float; .NET <see cref="Half"/>.</summary>
    Float16 = 7,

    /// <summary>16-bit unsigned integer; .NET <see cref="ushort"/>.</summary>
    UInt16 = 8,
#pragma warning restore CA1720
}
