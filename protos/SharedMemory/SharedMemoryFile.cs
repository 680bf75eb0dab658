using Microsoft.Win32.SafeHandles;
using static Cuvis.Sandbox.Protos.SharedMemory.SharedMemoryNative;

namespace Cuvis.Sandbox.Protos.SharedMemory;

/// <summary>
/// An anonymous shared-memory file (Linux memfd): no name in any file system, gone with the
/// last descriptor and mapping, so none can outlive the processes holding it. The creator seals
/// it against shrinking (and against further seals): the other side may grow it and write into
/// it, but never cut a mapping short under its reader, which would be a SIGBUS.
/// </summary>
public sealed class SharedMemoryFile : IDisposable
{
    /// <summary>Name the kernel shows for these files in <c>/proc/&lt;pid&gt;/fd</c> (as <c>/memfd:cuvis-tensors (deleted)</c>).</summary>
    public const string Name = "cuvis-tensors";

    /// <summary>Mapping offsets are multiples of this; regions after the first start on it.</summary>
    public const int Alignment = 64 * 1024;

    private SharedMemoryFile(SafeFileHandle handle) => Handle = handle;

    /// <summary>True where memfd, sealing and descriptor passing exist (Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    public SafeFileHandle Handle { get; }

    /// <summary>The file's size now.</summary>
    public long Length => RandomAccess.GetLength(Handle);

    /// <summary>Creates a sealed file of <paramref name="length"/> bytes (zeros).</summary>
    public static SharedMemoryFile Create(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var fd = MemfdCreate(Name, MfdCloexec | MfdAllowSealing);
        if (fd < 0)
        {
            throw Error("memfd_create");
        }

        var file = new SharedMemoryFile(new SafeFileHandle(fd, ownsHandle: true));
        try
        {
            file.Grow(length);
            if (Fcntl(fd, FAddSeals, FSealShrink | FSealSeal) < 0)
            {
                throw Error("Sealing the shared-memory file");
            }

            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Takes ownership of a descriptor received from the other side.</summary>
    public static SharedMemoryFile Adopt(SafeFileHandle handle) => new(handle);

    /// <summary>True when the file can no longer shrink (its creator sealed it).</summary>
    public bool IsSealedAgainstShrinking
    {
        get
        {
            var seals = Fcntl((int)Handle.DangerousGetHandle(), FGetSeals, 0);
            return seals >= 0 && (seals & FSealShrink) != 0;
        }
    }

    /// <summary>Grows the file to <paramref name="length"/> bytes; a file already that long is left as it is.</summary>
    public void Grow(long length)
    {
        if (length > Length && Ftruncate((int)Handle.DangerousGetHandle(), length) < 0)
        {
            throw Error($"Growing the shared-memory file to {length} bytes");
        }
    }

    /// <summary>
    /// Maps <paramref name="length"/> bytes from <paramref name="offset"/> (a multiple of
    /// <see cref="Alignment"/>); <paramref name="populate"/> faults every page in at once, which
    /// is faster than one fault per page for a region about to be written whole.
    /// </summary>
    public MappedRegion Map(long offset, int length, bool writable, bool populate = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (offset % Alignment != 0)
        {
            throw new ArgumentException($"Offset {offset} is not a multiple of {Alignment}.", nameof(offset));
        }

        if (offset + length > Length)
        {
            throw new ArgumentException($"The region [{offset}, {offset + length}) lies past the file's end ({Length} bytes).", nameof(length));
        }

        return MappedRegion.Map(Handle, offset, length, writable, populate);
    }

    public void Dispose() => Handle.Dispose();

    /// <summary><paramref name="length"/> rounded up to <see cref="Alignment"/>: where a region after it may start.</summary>
    public static long AlignUp(long length) => (length + Alignment - 1) / Alignment * Alignment;
}
