using System.Buffers;
using Microsoft.Win32.SafeHandles;
using static Cuvis.Sandbox.Protos.SharedMemory.SharedMemoryNative;

namespace Cuvis.Sandbox.Protos.SharedMemory;

/// <summary>
/// One mapping of a <see cref="SharedMemoryFile"/>, as <see cref="Memory{T}"/>; unmapped on
/// dispose. Nothing may use its memory after that, so it has no finalizer (a span may outlive
/// the last reference to the region): every region is disposed by the code that mapped it.
/// </summary>
public sealed unsafe class MappedRegion : MemoryManager<byte>
{
    private readonly int _length;
    private void* _address;

    private MappedRegion(void* address, int length)
    {
        _address = address;
        _length = length;
    }

    public int Length => _length;

    internal static MappedRegion Map(SafeFileHandle handle, int length)
    {
        if (length == 0)
        {
            return new MappedRegion(null, 0);
        }

        var address = Mmap(null, (nuint)length, ProtRead | ProtWrite, MapShared, (int)handle.DangerousGetHandle(), 0);
        if (address == (void*)-1)
        {
            throw Error($"Mapping {length} bytes of the shared-memory file");
        }

        return new MappedRegion(address, length);
    }

    public override Span<byte> GetSpan()
    {
        ObjectDisposedException.ThrowIf(_address is null && _length != 0, this);
        return new Span<byte>(_address, _length);
    }

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ObjectDisposedException.ThrowIf(_address is null && _length != 0, this);
        return new MemoryHandle((byte*)_address + elementIndex);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        var address = _address;
        _address = null;
        if (address is not null)
        {
            Munmap(address, (nuint)_length);
        }
    }
}
