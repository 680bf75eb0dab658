using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Worker.Hosting;

/// <summary>The few libc calls .NET does not expose: parent-death signal and immediate exit.</summary>
internal static partial class NativeMethods
{
    private const int PrSetPdeathsig = 1;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void ExitImmediately(int status);

    /// <summary>Asks the kernel to send <paramref name="signal"/> when the parent thread dies (Linux only).</summary>
    public static bool TrySetParentDeathSignal(int signal) =>
        OperatingSystem.IsLinux() && prctl(PrSetPdeathsig, (nuint)signal, 0, 0, 0) == 0;

    /// <summary>Ends the process now: no finalizers, no host shutdown, nothing a plugin can delay.</summary>
    public static void Exit(int status)
    {
        if (OperatingSystem.IsWindows())
        {
            Environment.Exit(status);
        }

        ExitImmediately(status);
    }
}
