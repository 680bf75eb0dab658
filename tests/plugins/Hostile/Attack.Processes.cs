using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Hostile;

/// <summary>Attacks on other processes: signals, ptrace, a fork bomb, a daemon meant to outlive the session.</summary>
public sealed partial class Attack
{
    // argv[0] becomes the marker, so the sleeper is found by its command line from outside.
    private const string MarkedSleeper = "exec -a \"$0\" sleep 600 </dev/null >/dev/null 2>&1";

    private static readonly TimeSpan DeathWait = TimeSpan.FromSeconds(2);

    private string Signal()
    {
        var pid = RequirePid();
        return SendSignal(pid, _signal);
    }

    private static string KillParent()
    {
        var parent = Libc.GetParentProcessId();

        // kill(0, ...) would signal our own process group: refuse rather than hit ourselves.
        return parent == 0 ? "blocked: getppid() is 0: the parent is outside this pid namespace" : SendSignal(parent, Libc.SigKill);
    }

    private static string SendSignal(int pid, int signal)
    {
        var call = $"kill({pid}, {signal})";
        var target = CommandLineOf(pid);
        if (Libc.Kill(pid, signal) != 0)
        {
            return Blocked(call, Marshal.GetLastPInvokeError(), $"target={target}");
        }

        if (signal != Libc.SigKill)
        {
            return $"succeeded: {call} returned 0 target={target}";
        }

        // A pid namespace's init silently drops SIGKILL from inside and kill() still returns 0:
        // whether the target died is the evidence.
        var deadline = DateTime.UtcNow + DeathWait;
        while (IsAlive(pid) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        return IsAlive(pid)
            ? $"blocked: {call} returned 0 but pid {pid} is still alive target={target}"
            : $"succeeded: {call} killed pid={pid} target={target}";
    }

    private string Ptrace()
    {
        var pid = RequirePid();
        var target = CommandLineOf(pid);
        if (Libc.Ptrace(Libc.PtraceAttach, pid, IntPtr.Zero, IntPtr.Zero) != 0)
        {
            return Blocked($"ptrace(PTRACE_ATTACH, {pid})", Marshal.GetLastPInvokeError(), $"target={target}");
        }

        // The tracee stops on attach; wait for that stop, then let it go again.
        var stopped = Libc.WaitProcess(pid, out _, Libc.WaitAll) == pid ? "stopped" : "waitpid failed: " + Libc.LastError();
        var detached = Libc.Ptrace(Libc.PtraceDetach, pid, IntPtr.Zero, IntPtr.Zero) == 0 ? "detached" : "detach failed: " + Libc.LastError();
        return $"succeeded: attached to pid={pid} ({stopped}, {detached}) target={target}";
    }

    /// <summary>Starts marked <c>sleep 600</c> processes until one fails to start, <c>count</c>, or <c>seconds</c>.</summary>
    private string ForkBomb()
    {
        var started = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            while (started < _count && clock.Elapsed < TimeSpan.FromSeconds(_seconds))
            {
                using var sleeper = Process.Start(Bash(MarkedSleeper, _marker))
                    ?? throw new InvalidOperationException("Process.Start returned no process.");
                started++;
            }
        }
        catch (Exception exception) when (exception is Win32Exception or IOException or InvalidOperationException or OutOfMemoryException)
        {
            return Blocked(exception, $"started={started} seconds={clock.Elapsed.TotalSeconds:0.0}");
        }

        return $"succeeded: started={started} seconds={clock.Elapsed.TotalSeconds:0.0} without a failure";
    }

    /// <summary>
    /// Starts a marked <c>sleep 600</c> in a new session, forked away from us (setsid --fork), so
    /// that neither our exit nor a kill of our process tree reaches it.
    /// </summary>
    private string Daemon()
    {
        var start = new ProcessStartInfo("/usr/bin/setsid") { UseShellExecute = false };
        foreach (var argument in (string[])["--fork", "/bin/bash", "-c", MarkedSleeper, _marker])
        {
            start.ArgumentList.Add(argument);
        }

        return StartDetached(start);
    }

    /// <summary>
    /// Starts a marked <c>sleep 600</c> the classic way, without a new session: a child forks it
    /// and exits at once, so the sleeper is an orphan, no descendant of ours any more.
    /// </summary>
    private string DoubleFork() => StartDetached(Bash($"( {MarkedSleeper} & ) ; exit 0", _marker));

    /// <summary>Runs <paramref name="start"/>, which leaves a marked process behind, and reports that process.</summary>
    private string StartDetached(ProcessStartInfo start)
    {
        try
        {
            using var launcher = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned no process.");
            launcher.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is Win32Exception or IOException or InvalidOperationException)
        {
            return Blocked(exception);
        }

        var deadline = DateTime.UtcNow + DeathWait;
        while (DateTime.UtcNow < deadline)
        {
            if (FindMarked(_marker) is { } pid)
            {
                return $"succeeded: daemon pid={pid} (as numbered in here) parent={ParentOf(pid)} cmdline={CommandLineOf(pid)}";
            }

            Thread.Sleep(50);
        }

        return $"blocked: no process with '{_marker}' in its command line appeared";
    }

    private static ProcessStartInfo Bash(string script, string argumentZero)
    {
        var start = new ProcessStartInfo("/bin/bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argumentZero);
        return start;
    }

    private static int? FindMarked(string marker)
    {
        foreach (var pid in VisiblePids())
        {
            if (CommandLineOf(pid).StartsWith(marker, StringComparison.Ordinal))
            {
                return pid;
            }
        }

        return null;
    }

    private static IEnumerable<int> VisiblePids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Order();

    private static string CommandLineOf(int pid)
    {
        try
        {
            return Head(File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0'));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"({exception.GetType().Name})";
        }
    }

    private static string ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"({exception.GetType().Name})";
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
