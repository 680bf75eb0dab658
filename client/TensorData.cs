using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Client;

/// <summary>
/// An n-dimensional array of one <see cref="Client.DType"/>, as it travels in a <c>cuvis_ai.v1.Tensor</c>:
/// the elements little-endian in C (row-major) order, the layout of a C-contiguous NumPy array.
/// </summary>
/// <remarks>
/// <para>
/// <b>Aliasing.</b> Cubes are large, so a tensor copies nothing it does not have to.
/// <see cref="From{T}(T[], long[])"/>, <see cref="From{T}(ReadOnlyMemory{T}, long[])"/> and
/// <see cref="Wrap"/> share the caller's buffer, and a request sends those bytes as they are
/// (no copy into the protobuf message): do not change the buffer until every call that sends the
/// tensor has completed, or the server may receive a mix of old and new values.
/// <see cref="From{T}(ReadOnlySpan{T}, long[])"/> copies, so its tensor owns its bytes. Output
/// tensors share the response message's buffer, which nothing else holds.
/// </para>
/// <para>
/// A tensor never writes to its bytes: <see cref="Data"/> and <see cref="AsSpan{T}"/> are read-only.
/// It holds at most <see cref="int.MaxValue"/> bytes, the most a protobuf <c>bytes</c> field can. A
/// dimension of 0 gives a tensor with no elements; an empty shape gives a scalar (one element).
/// </para>
/// </remarks>
public sealed class TensorData
{
    private readonly long[] _shape;

    private TensorData(DType dtype, long[] shape, long elementCount, ReadOnlyMemory<byte> data)
    {
        DType = dtype;
        _shape = shape;
        Shape = Array.AsReadOnly(shape);
        ElementCount = elementCount;
        Data = data;
    }

    /// <summary>Gets the element type.</summary>
    public DType DType { get; }

    /// <summary>Gets the size of each dimension, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>Gets the number of elements: the product of <see cref="Shape"/>, 1 for a scalar, 0 if any dimension is 0.</summary>
    public long ElementCount { get; }

    /// <summary>Gets the raw elements: little-endian, C order, exactly <see cref="ElementCount"/> times the element size bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Creates a tensor that shares <paramref name="data"/>, without copying it (see the aliasing rule in the remarks).</summary>
    /// <typeparam name="T"><see cref="float"/>, <see cref="double"/>, <see cref="int"/>, <see cref="long"/>, <see cref="byte"/>, <see cref="bool"/>, <see cref="Half"/> or <see cref="ushort"/>; it sets <see cref="DType"/>.</typeparam>
    /// <param name="data">The elements in C (row-major) order; exactly as many as <paramref name="shape"/> holds.</param>
    /// <param name="shape">Size of each dimension, outermost first; none for a scalar. Copied.</param>
    /// <returns>A tensor over <paramref name="data"/>.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not an element type, <paramref name="shape"/> is invalid, or the element count differs from the shape's.</exception>
    public static TensorData From<T>(T[] data, params long[] shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return From(new ReadOnlyMemory<T>(data), shape);
    }

    /// <summary>Creates a tensor that shares <paramref name="data"/> (see the aliasing rule in the remarks); memory not backed by an array is copied.</summary>
    /// <typeparam name="T">One of the eight element types; it sets <see cref="DType"/>.</typeparam>
    /// <param name="data">The elements in C (row-major) order; exactly as many as <paramref name="shape"/> holds.</param>
    /// <param name="shape">Size of each dimension, outermost first; none for a scalar. Copied.</param>
    /// <returns>A tensor over <paramref name="data"/>.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not an element type, <paramref name="shape"/> is invalid, or the element count differs from the shape's.</exception>
    public static TensorData From<T>(ReadOnlyMemory<T> data, params long[] shape)
        where T : unmanaged
    {
        var (dtype, elements) = Check<T>(data.Length, shape, nameof(data));
        if (typeof(T) == typeof(byte))
        {
            return new TensorData(dtype, [.. shape], elements, Unsafe.As<ReadOnlyMemory<T>, ReadOnlyMemory<byte>>(ref data));
        }

        if (!MemoryMarshal.TryGetArray(data, out var segment))
        {
            return From(data.Span, shape);
        }

        return new TensorData(dtype, [.. shape], elements, new ByteMemoryManager<T>(segment).Memory);
    }

    /// <summary>Creates a tensor holding a copy of <paramref name="data"/>.</summary>
    /// <typeparam name="T">One of the eight element types; it sets <see cref="DType"/>.</typeparam>
    /// <param name="data">The elements in C (row-major) order; exactly as many as <paramref name="shape"/> holds.</param>
    /// <param name="shape">Size of each dimension, outermost first; none for a scalar. Copied.</param>
    /// <returns>A tensor that owns a new buffer.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not an element type, <paramref name="shape"/> is invalid, or the element count differs from the shape's.</exception>
    public static TensorData From<T>(ReadOnlySpan<T> data, params long[] shape)
        where T : unmanaged
    {
        var (dtype, elements) = Check<T>(data.Length, shape, nameof(data));
        return new TensorData(dtype, [.. shape], elements, MemoryMarshal.AsBytes(data).ToArray());
    }

    /// <summary>Creates a tensor over raw little-endian, C-order bytes (from a file or another library), without copying them.</summary>
    /// <param name="dtype">The element type.</param>
    /// <param name="data">Exactly product(<paramref name="shape"/>) times the element size bytes; shared (see the aliasing rule in the remarks).</param>
    /// <param name="shape">Size of each dimension, outermost first; none for a scalar. Copied.</param>
    /// <returns>A tensor over <paramref name="data"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined <see cref="Client.DType"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="shape"/> is invalid, <paramref name="data"/> is not the size it needs, or bool data holds a byte other than 0 or 1.</exception>
    public static TensorData Wrap(DType dtype, ReadOnlyMemory<byte> data, params long[] shape)
    {
        if (!ElementTypes.IsDefined(dtype))
        {
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, $"{(int)dtype} is not a defined {nameof(DType)} (1 to 8).");
        }

        ArgumentNullException.ThrowIfNull(shape);
        return TryWrap(dtype, data, shape, out var tensor, out var problem) ? tensor : throw new ArgumentException(problem, nameof(data));
    }

    /// <summary>Returns the elements as a read-only span of <typeparamref name="T"/>, without copying.</summary>
    /// <typeparam name="T">The .NET type of <see cref="DType"/>: <see cref="float"/> for <see cref="DType.Float32"/>, <see cref="Half"/> for <see cref="DType.Float16"/>, and so on.</typeparam>
    /// <returns>A span of <see cref="ElementCount"/> elements over <see cref="Data"/>.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not the element type of <see cref="DType"/>; the message names the right one.</exception>
    public ReadOnlySpan<T> AsSpan<T>()
        where T : unmanaged
    {
        TensorLayout.EnsureLittleEndian();
        var requested = ElementTypes.Of<T>();
        if (requested != DType)
        {
            throw new ArgumentException(
                $"Cannot read a {DType} tensor as {typeof(T).Name} ({requested}); use {ElementTypes.CSharpName(DType)}.", nameof(T));
        }

        return MemoryMarshal.Cast<byte, T>(Data.Span);
    }

    /// <summary>Returns a copy of the elements as an array of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The .NET type of <see cref="DType"/>, as for <see cref="AsSpan{T}"/>.</typeparam>
    /// <returns>A new array of <see cref="ElementCount"/> elements in C order.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not the element type of <see cref="DType"/>.</exception>
    public T[] ToArray<T>()
        where T : unmanaged => AsSpan<T>().ToArray();

    /// <summary>Returns the dtype and shape, for example <c>TensorData(Float32, [1, 512, 512, 128])</c>.</summary>
    /// <returns>A description of the tensor; never its elements.</returns>
    public override string ToString() => $"TensorData({DType}, {TensorLayout.Format(_shape)})";

    /// <summary>What <see cref="Wrap"/> does, with the problem returned: a tensor from the server is checked the same way.</summary>
    internal static bool TryWrap(DType dtype, ReadOnlyMemory<byte> data, long[] shape, out TensorData tensor, out string? problem)
    {
        tensor = null!;
        if (!TensorLayout.TryMeasure(dtype, shape, out var elements, out var bytes, out problem))
        {
            return false;
        }

        if (data.Length != bytes)
        {
            problem = $"A {dtype} tensor of shape {TensorLayout.Format(shape)} needs exactly {bytes} bytes "
                + $"({elements} elements of {ElementTypes.SizeOf(dtype)} bytes), but the data has {data.Length}.";
            return false;
        }

        // Any other byte is not a valid bool: comparisons with true would silently misbehave.
        if (dtype == DType.Bool && data.Span.IndexOfAnyExcept((byte)0, (byte)1) is var index and >= 0)
        {
            problem = $"Bool tensor data must hold only 0 (false) and 1 (true), but byte {index} is {data.Span[index]}.";
            return false;
        }

        tensor = new TensorData(dtype, [.. shape], elements, data);
        return true;
    }

    /// <summary>The raw shape, for the wire writer (no copy).</summary>
    internal ReadOnlySpan<long> ShapeSpan => _shape;

    private static (DType DType, long Elements) Check<T>(int length, long[] shape, string dataParamName)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dtype = ElementTypes.Of<T>();
        TensorLayout.EnsureLittleEndian();
        if (!TensorLayout.TryMeasure(dtype, shape, out var elements, out _, out var problem))
        {
            throw new ArgumentException(problem, nameof(shape));
        }

        if (length != elements)
        {
            throw new ArgumentException(
                $"The data has {length} elements but shape {TensorLayout.Format(shape)} holds {elements}.", dataParamName);
        }

        return (dtype, elements);
    }
}
