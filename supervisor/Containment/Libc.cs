using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>The few POSIX calls .NET does not expose: signals, ownership, hard links, and who we are.</summary>
internal static partial class Libc
{
    public const int Sigkill = 9;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LchownNative(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkNative(string existing, string created);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUidNative();

    /// <summary>The effective uid of this process (0 when the supervisor runs as root).</summary>
    public static uint EffectiveUid => OperatingSystem.IsWindows() ? uint.MaxValue : GetEffectiveUidNative();

    /// <summary>Sends <paramref name="signal"/>; false when the process is gone or not ours.</summary>
    public static bool Kill(int pid, int signal) => KillNative(pid, signal) == 0;

    /// <summary>Changes the owner of <paramref name="path"/> without following a final symbolic link.</summary>
    public static void Lchown(string path, uint uid, uint gid)
    {
        if (LchownNative(path, uid, gid) != 0)
        {
            throw new IOException($"Cannot change the owner of '{path}' to {uid}: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Makes <paramref name="created"/> a second name of the file <paramref name="existing"/> (same file system).</summary>
    public static void Link(string existing, string created)
    {
        if (LinkNative(existing, created) != 0)
        {
            throw new IOException($"Cannot link '{created}' to '{existing}': errno {Marshal.GetLastPInvokeError()}.");
        }
    }
}
