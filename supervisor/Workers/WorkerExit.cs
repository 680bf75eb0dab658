namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>How a worker process ended, described for people.</summary>
/// <param name="ExitCode">
/// As .NET reports it (on Unix a death by signal N reads as 128 + N, also when a sandbox layer
/// passes the worker's death on); null when unknown because a process the worker left behind
/// still held its output open.
/// </param>
/// <param name="Expected">True when the supervisor asked for the exit (close, shutdown, kill).</param>
/// <param name="OutOfMemory">True when the kernel's OOM killer struck in the worker's cgroup.</param>
/// <param name="KilledFor">Why the supervisor killed a worker it had not been asked to stop (a hung call); null otherwise.</param>
internal sealed record WorkerExit(int? ExitCode, bool Expected, bool OutOfMemory = false, string? KilledFor = null)
{
    private static readonly string[] SignalNames =
    [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
        "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
        "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
        "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ];

    /// <summary>The signal that killed the process, when the exit code says so (Unix only).</summary>
    public string? Signal =>
        !OperatingSystem.IsWindows() && ExitCode is > 128 and var code && code - 128 < SignalNames.Length
            ? SignalNames[code - 128]
            : null;

    public string Describe() => KilledFor is not null
        ? $"was killed by the supervisor because {KilledFor}"
        : DescribeExit();

    private string DescribeExit() => (ExitCode, Signal, OutOfMemory) switch
    {
        (_, _, true) => $"ran out of memory: the kernel's out-of-memory killer ended it at its cgroup's memory limit (exit code {ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}; Containment:MemoryLimitBytes)",
        (null, _, _) => "exited (exit code unknown: a process it started still holds its output open)",
        (_, "SIGKILL", _) => $"was killed by signal SIGKILL (exit code {ExitCode}; e.g. kill -9 or the kernel's out-of-memory killer)",
        (_, { } signal, _) => $"was killed by signal {signal} (exit code {ExitCode})",
        _ => $"exited with code {ExitCode}",
    };
}
