using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Contracts;

public sealed partial class Tensor
{
    /// <summary>Creates a tensor of <paramref name="shape"/> with every element zero (<see langword="false"/> for <see cref="bool"/>).</summary>
    /// <typeparam name="T">The element type; one of the types <see cref="DTypes.Of{T}"/> maps.</typeparam>
    /// <param name="shape">Size of each dimension, outermost first; none for a scalar. Copied.</param>
    /// <returns>A tensor that owns a new buffer. Fill it through <see cref="AsSpan{T}"/>.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a tensor element type.</exception>
    /// <exception cref="ArgumentException"><paramref name="shape"/> has a negative dimension or needs more than <see cref="Array.MaxLength"/> bytes.</exception>
    public static Tensor Create<T>(params long[] shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dtype = DTypes.Of<T>();
        var (elements, bytes) = TensorLayout.Measure(dtype, shape, Array.MaxLength, nameof(shape));
        return new Tensor(dtype, [.. shape], elements, new byte[bytes]);
    }

    /// <summary>Creates a tensor of <paramref name="shape"/> holding a copy of <paramref name="data"/>.</summary>
    /// <remarks>
    /// Copies, so the tensor owns its buffer and later writes to <paramref name="data"/> do not show
    /// through. To build a large tensor without the copy, <see cref="Create{T}"/> it and write the
    /// elements into <see cref="AsSpan{T}"/>.
    /// </remarks>
    /// <typeparam name="T">The element type; one of the types <see cref="DTypes.Of{T}"/> maps.</typeparam>
    /// <param name="data">The elements in C (row-major) order; exactly as many as <paramref name="shape"/> holds.</param>
    /// <param name="shape">Size of each dimension, outermost first; none for a scalar. Copied.</param>
    /// <returns>A tensor that owns a new buffer.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a tensor element type.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="shape"/> has a negative dimension or needs more than <see cref="Array.MaxLength"/> bytes,
    /// or <paramref name="data"/> does not hold exactly the number of elements <paramref name="shape"/> does.
    /// </exception>
    public static Tensor FromArray<T>(T[] data, params long[] shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        var dtype = DTypes.Of<T>();
        var (elements, bytes) = TensorLayout.Measure(dtype, shape, Array.MaxLength, nameof(shape));
        if (data.Length != elements)
        {
            throw new ArgumentException(
                $"Data has {data.Length} elements but shape {TensorLayout.Format(shape)} holds {elements}.", nameof(data));
        }

        TensorLayout.EnsureLittleEndian();
        var buffer = GC.AllocateUninitializedArray<byte>(bytes);
        MemoryMarshal.AsBytes(data.AsSpan()).CopyTo(buffer);
        return new Tensor(dtype, [.. shape], elements, buffer);
    }

    /// <summary>Creates a tensor over existing little-endian, C-order bytes, without copying them.</summary>
    /// <remarks>
    /// The tensor shares <paramref name="data"/>: writes through either show in both. Any alignment
    /// is accepted. For <see cref="DType.Bool"/> every byte must be 0 or 1, because other values are
    /// not valid <see cref="bool"/>s; the bytes are checked once, here.
    /// </remarks>
    /// <param name="dtype">The element type.</param>
    /// <param name="shape">Size of each dimension, outermost first; empty for a scalar. Copied.</param>
    /// <param name="data">Exactly product(<paramref name="shape"/>) × <see cref="DTypes.SizeOf(DType)"/> bytes.</param>
    /// <returns>A tensor backed by <paramref name="data"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined <see cref="Contracts.DType"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="shape"/> has a negative dimension, overflows or needs more than <see cref="int.MaxValue"/> bytes;
    /// <paramref name="data"/> is not exactly the size the shape needs; or bool data holds a byte other than 0 or 1.
    /// </exception>
    public static Tensor Wrap(DType dtype, long[] shape, Memory<byte> data)
    {
        if (!DTypes.IsDefined(dtype))
        {
            throw DTypes.UndefinedDType(dtype, nameof(dtype));
        }

        ArgumentNullException.ThrowIfNull(shape);
        var (elements, bytes) = TensorLayout.Measure(dtype, shape, TensorLayout.MaxByteLength, nameof(shape));
        if (data.Length != bytes)
        {
            throw new ArgumentException(
                $"A {dtype} tensor of shape {TensorLayout.Format(shape)} needs exactly {bytes} bytes "
                + $"({elements} elements of {dtype.SizeOf()} bytes), but data has {data.Length}.",
                nameof(data));
        }

        if (dtype == DType.Bool && data.Span.IndexOfAnyExcept((byte)0, (byte)1) is var index and >= 0)
        {
            throw new ArgumentException(
                $"Bool tensor data must hold only 0 (false) and 1 (true), but byte {index} is {data.Span[index]}.", nameof(data));
        }

        return new Tensor(dtype, [.. shape], elements, data);
    }
}
