using System.Runtime.InteropServices;

namespace Hostile;

/// <summary>The few libc calls the attacks make directly, each returning -1 and setting errno on failure.</summary>
internal static class Libc
{
    public const int SigKill = 9;
    public const long PtraceAttach = 16;
    public const long PtraceDetach = 17;

    // Wait for any child, clone or not: a traced process is not our child.
    public const int WaitAll = 0x40000000;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "getppid")]
    public static extern int GetParentProcessId();

    [DllImport("libc", EntryPoint = "getuid")]
    public static extern uint GetUserId();

    [DllImport("libc", EntryPoint = "getgid")]
    public static extern uint GetGroupId();

    [DllImport("libc", EntryPoint = "ptrace", SetLastError = true)]
    public static extern long Ptrace(long request, int pid, IntPtr address, IntPtr data);

    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    public static extern int WaitProcess(int pid, out int status, int options);

    public const int FAddSeals = 1033;
    public const int FSealWrite = 0x0008;

    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    public static extern int Ftruncate(int fd, long length);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static extern int Fcntl(int fd, int command, int argument);

    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    public static extern nint Send(int fd, byte[] buffer, nint length, int flags);

    /// <summary>The errno of the last call, with its name as strerror gives it.</summary>
    public static string LastError() => Describe(Marshal.GetLastPInvokeError());

    public static string Describe(int errno) => $"errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})";
}
