using System.ComponentModel;

namespace Cuvis.Sandbox.Contracts;

// One overload per DType, so the argument's static type picks the dtype: Scalar(1) is Int32,
// Scalar(1L) Int64, Scalar(1f) Float32. C# widens the types without a DType to the nearest
// overload that holds every value (short -> int, uint -> long, char -> ushort); sbyte is ambiguous
// (int or Half) and ulong/nuint would widen to float, losing digits, so Scalar(ulong) is a compile
// error instead. contracts/README.md lists every case for plugin authors.
public sealed partial class Tensor
{
    /// <summary>Creates a <see cref="DType.Float32"/> scalar: rank 0, one element.</summary>
    /// <param name="value">The element.</param>
    /// <returns>A scalar tensor; as a node output, the host also reports it as a metric.</returns>
    public static Tensor Scalar(float value) => ScalarOf(value);

    /// <summary>Creates a <see cref="DType.Float64"/> scalar: rank 0, one element.</summary>
    /// <param name="value">The element.</param>
    /// <returns>
    /// A scalar tensor; as a node output, the host also reports it as a metric, rounded to the
    /// <see cref="float"/> that metrics are on the wire. The output tensor keeps every bit.
    /// </returns>
    public static Tensor Scalar(double value) => ScalarOf(value);

    /// <summary>Creates a <see cref="DType.Int32"/> scalar: rank 0, one element.</summary>
    /// <remarks>
    /// An <see cref="int"/> literal binds here: <c>Tensor.Scalar(1)</c> is an Int32 scalar. Write
    /// <c>Tensor.Scalar(1f)</c> for a Float32 one.
    /// </remarks>
    /// <param name="value">The element.</param>
    /// <returns>
    /// A scalar tensor; as a node output, the host also reports it as a metric, a <see cref="float"/>
    /// on the wire and so exact only up to 2^24 in magnitude. The output tensor keeps every bit.
    /// </returns>
    public static Tensor Scalar(int value) => ScalarOf(value);

    /// <summary>Creates a <see cref="DType.Int64"/> scalar: rank 0, one element.</summary>
    /// <remarks>A <see cref="uint"/> also binds here, since Int64 holds every <see cref="uint"/> exactly.</remarks>
    /// <param name="value">The element.</param>
    /// <returns>
    /// A scalar tensor; as a node output, the host also reports it as a metric, a <see cref="float"/>
    /// on the wire and so exact only up to 2^24 in magnitude. The output tensor keeps every bit.
    /// </returns>
    public static Tensor Scalar(long value) => ScalarOf(value);

    /// <summary>Creates a <see cref="DType.UInt8"/> scalar: rank 0, one element.</summary>
    /// <remarks>A literal needs a cast to bind here: <c>Tensor.Scalar((byte)200)</c>; <c>Tensor.Scalar(200)</c> is Int32.</remarks>
    /// <param name="value">The element.</param>
    /// <returns>A scalar tensor; as a node output, the host also reports it as a metric.</returns>
    public static Tensor Scalar(byte value) => ScalarOf(value);

    /// <summary>Creates a <see cref="DType.Bool"/> scalar: rank 0, one element stored as the byte 1 (true) or 0 (false).</summary>
    /// <param name="value">The element.</param>
    /// <returns>A scalar tensor; as a node output, the host also reports it as a metric: 1 for true, 0 for false.</returns>
    public static Tensor Scalar(bool value) => ScalarOf(value);

    /// <summary>Creates a <see cref="DType.Float16"/> scalar: rank 0, one element.</summary>
    /// <remarks>C# converts to <see cref="Half"/> only explicitly, so write <c>Tensor.Scalar((Half)0.5f)</c>.</remarks>
    /// <param name="value">The element.</param>
    /// <returns>A scalar tensor; as a node output, the host also reports it as a metric.</returns>
    public static Tensor Scalar(Half value) => ScalarOf(value);

    /// <summary>Creates a <see cref="DType.UInt16"/> scalar: rank 0, one element.</summary>
    /// <remarks>
    /// A <see cref="char"/> also binds here, as its UTF-16 code unit. A literal needs a cast:
    /// <c>Tensor.Scalar((ushort)4095)</c>; <c>Tensor.Scalar(4095)</c> is Int32.
    /// </remarks>
    /// <param name="value">The element.</param>
    /// <returns>A scalar tensor; as a node output, the host also reports it as a metric.</returns>
    public static Tensor Scalar(ushort value) => ScalarOf(value);

    /// <summary>Not a factory: makes <c>Tensor.Scalar(aUlong)</c> a compile error (CS0619) instead of a silent, lossy <see cref="DType.Float32"/>.</summary>
    /// <remarks>
    /// No <see cref="DType"/> holds every <see cref="ulong"/> exactly, and without this overload C#
    /// would convert a <see cref="ulong"/> (or an <see cref="nuint"/>) implicitly to <see cref="float"/>.
    /// Convert explicitly instead: <c>Tensor.Scalar(checked((long)value))</c> for an Int64 scalar that
    /// throws on overflow, or <c>Tensor.Scalar((double)value)</c> for a Float64 one.
    /// </remarks>
    /// <param name="value">Not used.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always, if called despite the error (through reflection, say).</exception>
    [Obsolete(UnsignedLongMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Tensor Scalar(ulong value) => throw new NotSupportedException(UnsignedLongMessage);

    private const string UnsignedLongMessage =
        "There is no UInt64 dtype, and no dtype holds every ulong exactly. Convert explicitly: "
        + "Tensor.Scalar(checked((long)value)) for Int64, or Tensor.Scalar((double)value) for Float64.";

    private static Tensor ScalarOf<T>(T value)
        where T : unmanaged
    {
        var tensor = Create<T>();
        tensor.AsSpan<T>()[0] = value;
        return tensor;
    }
}
