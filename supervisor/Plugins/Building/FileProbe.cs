using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// Tells regular files from links, devices, FIFOs and sockets before anything opens them: .NET
/// reports none of these apart from links, and opening a FIFO or <c>/dev/zero</c> to read it
/// hangs or never ends. Linux asks <c>statx</c>, whose result layout is the same on every
/// architecture; elsewhere only directories and links are told apart.
/// </summary>
internal static class FileProbe
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtNoAutomount = 0x800;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const int StatxBufferSize = 256;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;
    private const int ErrNoEntry = 2;
    private const int ErrNotDirectory = 20;

    /// <summary>The kind of <paramref name="path"/> itself (a link is not followed), and its size in bytes.</summary>
    /// <exception cref="IOException">The path cannot be inspected (no permission, I/O error).</exception>
    public static FileKind KindOf(string path, out long size)
    {
        return OperatingSystem.IsLinux() ? KindOfLinux(path, out size) : KindOfManaged(path, out size);
    }

    private static FileKind KindOfLinux(string path, out long size)
    {
        var buffer = new byte[StatxBufferSize];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow | AtNoAutomount, StatxType | StatxSize, buffer) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            size = 0;
            return error is ErrNoEntry or ErrNotDirectory
                ? FileKind.Missing
                : throw new IOException($"Cannot inspect '{path}': {Marshal.GetPInvokeErrorMessage(error)}.");
        }

        // struct statx: u16 stx_mode at 28, u64 stx_size at 40, in the machine's byte order.
        size = (long)MemoryMarshal.Read<ulong>(buffer.AsSpan(SizeOffset));
        var mode = MemoryMarshal.Read<ushort>(buffer.AsSpan(ModeOffset));

        return (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            _ => throw new IOException($"Cannot inspect '{path}': unknown file type {mode >> 12}."),
        };
    }

    private static FileKind KindOfManaged(string path, out long size)
    {
        size = 0;
        var file = new FileInfo(path);
        if (file.LinkTarget is not null)
        {
            return FileKind.SymbolicLink;
        }

        if (Directory.Exists(path))
        {
            return FileKind.Directory;
        }

        if (!file.Exists)
        {
            return FileKind.Missing;
        }

        size = file.Length;
        return FileKind.Regular;
    }

    // int statx(int dirfd, const char *pathname, int flags, unsigned int mask, struct statx *statxbuf)
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(
        int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
