using Microsoft.Win32.SafeHandles;
using static Cuvis.Sandbox.Protos.SharedMemory.SharedMemoryNative;

namespace Cuvis.Sandbox.Protos.SharedMemory;

/// <summary>
/// An anonymous shared-memory file (Linux memfd): no name in any file system, gone with the
/// last descriptor and mapping, so none can outlive the processes holding it. The creator seals
/// it against shrinking (and against further seals): the other side may grow it and write into
/// it, but never cut it short under a mapping (a SIGBUS) or under a region already checked.
/// </summary>
public sealed class SharedMemoryFile : IDisposable
{
    /// <summary>Name the kernel shows for these files in <c>/proc/&lt;pid&gt;/fd</c> (as <c>/memfd:cuvis-tensors (deleted)</c>).</summary>
    public const string Name = "cuvis-tensors";

    /// <summary>Regions after the first start on a multiple of this.</summary>
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

    /// <summary>Grows the file to <paramref name="length"/> bytes; a file already that long is left as it is.</summary>
    public void Grow(long length)
    {
        if (length > Length && Ftruncate((int)Handle.DangerousGetHandle(), length) < 0)
        {
            throw Error($"Growing the shared-memory file to {length} bytes");
        }
    }

    /// <summary>Maps the first <paramref name="length"/> bytes, readable and writable.</summary>
    public MappedRegion Map(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length > Length)
        {
            throw new ArgumentException($"{length} bytes lie past the file's end ({Length} bytes).", nameof(length));
        }

        return MappedRegion.Map(Handle, length);
    }

    public void Dispose() => Handle.Dispose();

    /// <summary><paramref name="length"/> rounded up to <see cref="Alignment"/>: where a region after it may start.</summary>
    public static long AlignUp(long length) => (length + Alignment - 1) / Alignment * Alignment;
}
