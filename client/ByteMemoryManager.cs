using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Client;

/// <summary>
/// The bytes of a <typeparamref name="T"/> array segment as a <see cref="Memory{T}"/> of bytes,
/// without copying: what lets a tensor made from a <c>float[]</c> go on the wire as it is
/// (protobuf's <c>UnsafeByteOperations.UnsafeWrap</c> takes only <see cref="ReadOnlyMemory{T}"/> of bytes).
/// </summary>
internal sealed class ByteMemoryManager<T> : MemoryManager<byte>
    where T : unmanaged
{
    private readonly T[] _array;
    private readonly int _offset;
    private readonly int _length;

    public ByteMemoryManager(ArraySegment<T> segment)
    {
        _array = segment.Array!;
        _offset = segment.Offset;
        _length = segment.Count;
    }

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(_array.AsSpan(_offset, _length));

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length * sizeof(T));
        var handle = GCHandle.Alloc(_array, GCHandleType.Pinned);
        var start = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array)) + ((long)_offset * sizeof(T)) + elementIndex;
        return new MemoryHandle(start, handle, this);
    }

    // The handle Pin returns frees its GCHandle itself; nothing else is held.
    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
