using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Tools;

/// <summary>kill(2): the signals the tools send to workers and to the supervisors they started.</summary>
internal static partial class Signals
{
    public const int Kill = 9;
    public const int Terminate = 15;
    public const int Stop = 19;

    /// <summary>Sends <paramref name="signal"/>; returns the errno text when it could not be sent.</summary>
    public static string? Send(int processId, int signal) =>
        NativeKill(processId, signal) == 0 ? null : Marshal.GetLastPInvokeErrorMessage();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int sig);
}
