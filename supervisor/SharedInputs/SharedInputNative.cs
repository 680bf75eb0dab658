using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Supervisor.SharedInputs;

/// <summary>libc calls for reading a client's segment: open without following links, statx (one layout on every architecture); mmap is the shared-memory transport's (<see cref="Protos.SharedMemory.SharedMemoryNative"/>).</summary>
internal static unsafe partial class SharedInputNative
{
    public const int ORdOnly = 0;
    public const int ONonBlock = 0x800;
    public const int ONoFollow = 0x20000;
    public const int OCloexec = 0x80000;
    public const int ODirectory = 0x10000;
    public const int AtEmptyPath = 0x1000;
    public const uint StatxBasicStats = 0x7ff;
    public const int SIfMt = 0xF000;
    public const int SIfReg = 0x8000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OpenAt(int directory, string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int directory, string path, int flags, uint mask, StatxBuffer* buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUid();

    /// <summary>The head of <c>struct statx</c>, whose layout the kernel fixes for every architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct StatxBuffer
    {
        [FieldOffset(20)]
        public uint Uid;

        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(40)]
        public ulong Size;
    }
}
