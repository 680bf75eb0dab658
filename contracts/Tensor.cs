using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Contracts;

/// <summary>
/// An n-dimensional array of one <see cref="Contracts.DType"/>: the elements stored little-endian in
/// C (row-major) order in a buffer of bytes, the same layout as a <c>cuvis_ai.v1.Tensor</c> on the
/// wire and a C-contiguous NumPy array.
/// </summary>
/// <remarks>
/// <para>
/// The dtype and shape of a tensor never change; its elements can. <see cref="AsSpan{T}"/> and
/// <see cref="Data"/> write through to the buffer, which <see cref="Wrap"/> shares with whoever
/// else holds it. Treat the input tensors a <see cref="Node"/> receives as read-only: the host may
/// hand the same tensor to several nodes.
/// </para>
/// <para>
/// A tensor holds at most <see cref="int.MaxValue"/> bytes, the most a <see cref="Memory{T}"/> can
/// address; <see cref="Create{T}"/> and <see cref="FromArray{T}"/> allocate a managed array and stop
/// at <see cref="Array.MaxLength"/> bytes. Factories reject larger shapes with an
/// <see cref="ArgumentException"/>. A dimension of 0 is valid and gives a tensor with no elements;
/// an empty shape gives a scalar (rank 0, one element).
/// </para>
/// <para>
/// Element views reinterpret the bytes in place, which needs a little-endian machine: every
/// platform Microsoft ships .NET for is one. On a big-endian machine they throw
/// <see cref="PlatformNotSupportedException"/>.
/// </para>
/// </remarks>
public sealed partial class Tensor
{
    private readonly long[] _shape;

    private Tensor(DType dtype, long[] shape, long elementCount, Memory<byte> data)
    {
        DType = dtype;
        _shape = shape;
        ElementCount = elementCount;
        Data = data;
    }

    /// <summary>Gets the element type.</summary>
    public DType DType { get; }

    /// <summary>Gets the size of each dimension, outermost first; empty for a scalar.</summary>
    /// <remarks>
    /// A span rather than a list: reading it neither allocates nor copies, it cannot be cast back to
    /// a mutable array, and it still supports indexing and list patterns
    /// (<c>tensor.Shape is [1, var height, var width, var channels]</c>). Call <c>ToArray()</c>
    /// where a span cannot go: fields, lambdas, async methods.
    /// </remarks>
    public ReadOnlySpan<long> Shape => _shape;

    /// <summary>Gets the number of dimensions: 0 for a scalar.</summary>
    public int Rank => _shape.Length;

    /// <summary>Gets a value indicating whether this tensor is a scalar: rank 0, exactly one element.</summary>
    public bool IsScalar => _shape.Length == 0;

    /// <summary>Gets the number of elements: the product of <see cref="Shape"/>, 1 for a scalar, 0 if any dimension is 0.</summary>
    public long ElementCount { get; }

    /// <summary>Gets the size of <see cref="Data"/> in bytes: <see cref="ElementCount"/> times <see cref="DTypes.SizeOf(DType)"/> of <see cref="DType"/>.</summary>
    public long ByteLength => Data.Length;

    /// <summary>Gets the raw elements: little-endian, C order, exactly <see cref="ByteLength"/> bytes. Writes go to the tensor.</summary>
    public Memory<byte> Data { get; }

    /// <summary>Returns the elements as a writable span of <typeparamref name="T"/>, without copying.</summary>
    /// <typeparam name="T">The .NET type of <see cref="DType"/>, as given by <see cref="DTypes.Of{T}"/>: <see cref="float"/> for <see cref="DType.Float32"/>, <see cref="Half"/> for <see cref="DType.Float16"/>, and so on.</typeparam>
    /// <returns>A span of <see cref="ElementCount"/> elements over <see cref="Data"/>.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not the element type of <see cref="DType"/>; the message names both.</exception>
    public Span<T> AsSpan<T>()
        where T : unmanaged
    {
        EnsureElementType<T>();
        return MemoryMarshal.Cast<byte, T>(Data.Span);
    }

    /// <summary>Returns the elements as a read-only span of <typeparamref name="T"/>, without copying.</summary>
    /// <typeparam name="T">The .NET type of <see cref="DType"/>, as given by <see cref="DTypes.Of{T}"/>.</typeparam>
    /// <returns>A span of <see cref="ElementCount"/> elements over <see cref="Data"/>.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not the element type of <see cref="DType"/>; the message names both.</exception>
    public ReadOnlySpan<T> AsReadOnlySpan<T>()
        where T : unmanaged => AsSpan<T>();

    /// <summary>Returns the dtype and shape, for example <c>Tensor(Float32, [1, 512, 512, 128])</c>.</summary>
    /// <returns>A description of the tensor; never its elements.</returns>
    public override string ToString() => $"Tensor({DType}, {TensorLayout.Format(_shape)})";

    private void EnsureElementType<T>()
        where T : unmanaged
    {
        TensorLayout.EnsureLittleEndian();
        if (!DTypes.TryOf<T>(out var requested))
        {
            throw new InvalidOperationException(
                $"Cannot view a {DType} tensor as {typeof(T).FullName}: it is not a tensor element type. Use AsSpan<{DTypes.ElementTypeName(DType)}>().");
        }

        if (requested != DType)
        {
            throw new InvalidOperationException(
                $"Cannot view a {DType} tensor as {typeof(T).Name} ({requested} elements). Use AsSpan<{DTypes.ElementTypeName(DType)}>().");
        }
    }
}
