using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using static Cuvis.Sandbox.Protos.SharedMemory.SharedMemoryNative;
using static Cuvis.Sandbox.Supervisor.SharedInputs.SharedInputNative;

namespace Cuvis.Sandbox.Supervisor.SharedInputs;

/// <summary>
/// A client's POSIX shared-memory segment, opened read-only in the shared-memory directory only
/// (never following a link, never blocking on a FIFO), checked with fstat (a regular file, large
/// enough, readable by the client's own user) and mapped read-only. Its bytes are copied out by
/// the kernel (<see cref="CopyTo"/>), so a segment the client shrinks meanwhile makes the copy fail
/// with EFAULT rather than fault this process.
/// </summary>
internal sealed unsafe class ClientSegment : IDisposable
{
    private readonly byte* _mapping;
    private readonly nuint _mappedLength;
    private readonly long _skip;

    private ClientSegment(byte* mapping, nuint mappedLength, long skip, long length)
    {
        _mapping = mapping;
        _mappedLength = mappedLength;
        _skip = skip;
        Length = length;
    }

    /// <summary>The referenced bytes' length.</summary>
    public long Length { get; }

    /// <summary>Opens and maps <paramref name="name"/>'s bytes [<paramref name="offset"/>, +<paramref name="length"/>).</summary>
    /// <param name="directory">The shared-memory directory.</param>
    /// <param name="name">The checked segment name.</param>
    /// <param name="offset">byte_offset.</param>
    /// <param name="length">byte_size, already checked against the tensor's shape.</param>
    /// <param name="field">The shm_ref's field, for errors.</param>
    /// <param name="peerUid">The client's user, when known; else the segment must be this server's user's or readable by everyone.</param>
    /// <exception cref="ShmRefException">The segment is missing, not a regular file, too small or not the client's to read.</exception>
    public static ClientSegment Open(string directory, ShmRefName name, long offset, long length, uint? peerUid, string field)
    {
        var dir = SharedInputNative.Open(directory, ORdOnly | ODirectory | OCloexec);
        if (dir < 0)
        {
            throw new ShmRefException($"the shared-memory directory {directory} cannot be opened here (errno {Marshal.GetLastPInvokeError()})", field);
        }

        var fd = OpenAt(dir, name.FileName, ORdOnly | ONoFollow | ONonBlock | OCloexec);
        var errno = Marshal.GetLastPInvokeError();
        Close(dir);
        if (fd < 0)
        {
            throw new ShmRefException(errno switch
            {
                2 => $"no shared-memory segment '{name}' exists on the server's host; create it (multiprocessing.shared_memory) before the call and keep it until the answer",
                13 => $"the server may not read segment '{name}'; create it readable by the server's user",
                40 => $"segment '{name}' is a symbolic link, which is not followed",
                _ => $"segment '{name}' cannot be opened (errno {errno})",
            }, field + ".name");
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        StatxBuffer stat;
        if (Statx(fd, "", AtEmptyPath, StatxBasicStats, &stat) != 0)
        {
            throw new ShmRefException($"segment '{name}' cannot be examined (errno {Marshal.GetLastPInvokeError()})", field + ".name");
        }

        if ((stat.Mode & SIfMt) != SIfReg)
        {
            throw new ShmRefException($"'{name}' is not a shared-memory segment (not a regular file)", field + ".name");
        }

        var readable = (stat.Mode & 0x4) != 0 || stat.Uid == (peerUid ?? GetEffectiveUid());
        if (!readable)
        {
            throw new ShmRefException(
                $"segment '{name}' belongs to another user (uid {stat.Uid}) and is not readable by everyone; a client may pass only segments its own user created", field + ".name");
        }

        if ((ulong)offset > stat.Size || (ulong)length > stat.Size - (ulong)offset)
        {
            throw new ShmRefException(
                $"segment '{name}' holds {stat.Size:N0} bytes, fewer than byte_offset {offset:N0} + byte_size {length:N0}", field + ".byte_size");
        }

        if (length == 0)
        {
            return new ClientSegment(null, 0, 0, 0);
        }

        var page = Environment.SystemPageSize;
        var start = offset / page * page;
        var mapped = (nuint)(offset - start + length);
        var address = Mmap(null, mapped, ProtRead, MapShared, fd, start);
        return address == (void*)-1
            ? throw new ShmRefException($"segment '{name}' cannot be mapped (errno {Marshal.GetLastPInvokeError()})", field + ".name")
            : new ClientSegment((byte*)address, mapped, offset - start, length);
    }

    /// <summary>Writes the referenced bytes into <paramref name="target"/> at <paramref name="fileOffset"/>.</summary>
    /// <exception cref="IOException">The segment shrank under the copy (EFAULT), or the target could not be written.</exception>
    public void CopyTo(SafeFileHandle target, long fileOffset)
    {
        const int Chunk = 1 << 30;
        for (long done = 0; done < Length; done += Chunk)
        {
            var count = (int)Math.Min(Chunk, Length - done);
            RandomAccess.Write(target, new ReadOnlySpan<byte>(_mapping + _skip + done, count), fileOffset + done);
        }
    }

    public void Dispose()
    {
        if (_mapping is not null)
        {
            Munmap(_mapping, _mappedLength);
        }
    }
}
