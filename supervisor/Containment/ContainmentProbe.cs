using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using Cuvis.Sandbox.Supervisor.Containment.Cgroups;
using Cuvis.Sandbox.Supervisor.Workers;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>
/// Finds out, once, which containment layers work on this host: it looks for bubblewrap and
/// setpriv, detects the cgroup interface, writes the seccomp program, and then starts a real
/// test sandbox with all of it, so "active" means seen working, not merely configured.
/// </summary>
internal sealed class ContainmentProbe(IOptions<ContainmentOptions> options, RuntimeDirectory runtimeDirectory, ProcessSpawnThread spawnThread)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    private const string CgroupsOff = "for measurement only: sandboxes stay in the supervisor's cgroup with no memory, CPU or pids limit, "
        + "and a session's leftover processes are not killed with a cgroup of its own";

    private readonly Lazy<Task<ContainmentReport>> _report = new(() => ProbeAsync(options.Value, runtimeDirectory, spawnThread));

    /// <summary>The probe's findings; the probe runs on first use.</summary>
    public Task<ContainmentReport> GetReportAsync() => _report.Value;

    private static async Task<ContainmentReport> ProbeAsync(ContainmentOptions options, RuntimeDirectory runtimeDirectory, ProcessSpawnThread spawnThread)
    {
        if (options.Profile == ContainmentProfile.None)
        {
            const string Off = "off: Containment:Profile is none (development only)";
            const string Enable = "set Containment:Profile=strict";
            return new ContainmentReport(options.Profile, null, "Containment:Profile is none", false, false, null, null,
            [
                new("namespaces", false, Off, Enable),
                new("uid", false, Off, Enable),
                new("cgroups", false, Off, Enable),
                new("rlimits", false, Off, Enable),
                new("seccomp", false, Off, Enable),
            ]);
        }

        var privileged = OperatingSystem.IsLinux() && Libc.EffectiveUid == 0;
        var bubblewrap = FindExecutable(options.BubblewrapPath);
        var setpriv = FindExecutable("setpriv");
        var switchUid = options.SeparateUids && privileged && setpriv is not null && setpriv.StartsWith("/usr/", StringComparison.Ordinal);
        string cgroupProblem = CgroupsOff;
        var cgroups = options.Cgroups ? CgroupDriver.Detect(out cgroupProblem) : null;
        string? seccompFile = null;
        if (options.Seccomp && SeccompFilter.IsSupported && bubblewrap is not null)
        {
            seccompFile = Path.Combine(runtimeDirectory.EnsureInstance(), "seccomp.bpf");
            await File.WriteAllBytesAsync(seccompFile, SeccompFilter.Build());
        }

        var problem = "";
        var version = "";
        if (!OperatingSystem.IsLinux())
        {
            problem = "Namespace sandboxes need Linux. Use Containment:Profile=none for development on this system.";
        }
        else if (bubblewrap is null)
        {
            problem = $"bubblewrap ('{options.BubblewrapPath}', Containment:BubblewrapPath) was not found. "
                + "Install it (Debian/Ubuntu: apt-get install bubblewrap; ./run.sh does this when run as root) "
                + "or point Containment:BubblewrapPath at it.";
        }
        else
        {
            version = await VersionOfAsync(bubblewrap);
            var candidate = new ContainmentReport(options.Profile, bubblewrap, "", privileged, switchUid, cgroups, seccompFile, []);
            (problem, cgroups, cgroupProblem) = await TrySandboxAsync(candidate, options, runtimeDirectory, spawnThread, cgroupProblem);
        }

        var canSandbox = problem.Length == 0;
        var layers = new List<ContainmentLayer>
        {
            canSandbox
                ? new("namespaces", true, $"{version} ({bubblewrap}): new mount, pid, ipc, uts and net namespaces; minimal read-only root; no capabilities")
                : new("namespaces", false, problem, "install bubblewrap and allow user namespaces (sysctl kernel.unprivileged_userns_clone=1), or run as root"),
            options.Network
                ? new("network", false, "workers share the host's network (Containment:Network=true)", "set Containment:Network=false")
                : new("network", canSandbox, canSandbox ? "none: a private loopback only" : "not isolated without namespaces", canSandbox ? "" : "see namespaces"),
            !options.SeparateUids
                ? new("uid", false, $"for measurement only: every sandbox runs as the supervisor's own uid {Libc.EffectiveUid} and can signal, trace and read the others and the supervisor's files", "remove Containment:SeparateUids=false", "Containment:SeparateUids=false")
                : switchUid && canSandbox
                ? new("uid", true, $"one uid per sandbox from {options.UidRangeStart} ({options.UidRangeSize} uids), no groups, no capabilities, no_new_privs")
                : new("uid", false, privileged ? "setpriv (util-linux) is missing under /usr" : $"the supervisor is not root: sandboxes run as its own uid {Libc.EffectiveUid}", privileged ? "install util-linux" : "run the supervisor as root to give each sandbox a uid of its own"),
            !options.Cgroups
                ? new("cgroups", false, CgroupsOff, "remove Containment:Cgroups=false", "Containment:Cgroups=false")
                : cgroups is not null && canSandbox
                ? new("cgroups", true, $"{cgroups.Describe()}: memory {Bytes(options.MemoryLimitBytes)}, cpu {options.CpuLimit.ToString("0.##", CultureInfo.InvariantCulture)} cores, pids {options.PidsMax} per worker")
                : new("cgroups", false, canSandbox ? cgroupProblem : "not used without namespaces", "run as root on a host with the memory, cpu and pids controllers (cgroup v1, or v2 delegated to the supervisor's cgroup)"),
            new("heap limit", true, $"DOTNET_GCHeapHardLimit {Bytes(options.HeapLimitBytes)}: a plugin gets an OutOfMemoryException before the memory limit"),
            canSandbox
                ? new("rlimits", true, $"no core dumps, {options.OpenFilesLimit} open files, address space {Bytes(options.EffectiveAddressSpaceLimitBytes)}")
                : new("rlimits", false, "not used without namespaces", "see namespaces"),
            canSandbox
                ? new("scratch", true, $"a private tmpfs of {Bytes(options.ScratchSizeBytes)} per worker; nothing else writable but its socket directory")
                : new("scratch", false, "not used without namespaces", "see namespaces"),
            seccompFile is not null && canSandbox
                ? new("seccomp", true, $"refuses {string.Join(", ", SeccompFilter.RefusedSyscallNames)}")
                : !options.Seccomp
                ? new("seccomp", false, "the whole system call interface is open to plugins", "set Containment:Seccomp=true", "Containment:Seccomp=false")
                : new("seccomp", false, SeccompFilter.UnsupportedReason ?? "not used without namespaces", "see namespaces"),
        };

        return new ContainmentReport(options.Profile, canSandbox ? bubblewrap : null, problem, privileged, switchUid && canSandbox,
            canSandbox ? cgroups : null, canSandbox ? seccompFile : null, layers);
    }

    /// <summary>Starts <c>/bin/true</c> in a sandbox with every layer, once with a cgroup and, if that fails, once without.</summary>
    private static async Task<(string Problem, CgroupDriver? Cgroups, string CgroupProblem)> TrySandboxAsync(
        ContainmentReport candidate, ContainmentOptions options, RuntimeDirectory runtimeDirectory, ProcessSpawnThread spawnThread, string cgroupProblem)
    {
        var state = runtimeDirectory.CreateWorkerDirectory();
        try
        {
            var spec = new SandboxSpec
            {
                Role = "probe",
                Command = ["/bin/true"],
                Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
                WorkingDirectory = "/",
                ScratchPath = "/sandbox/scratch",
                ScratchSizeBytes = 1024 * 1024,
                Limits = new CgroupLimits(options.MemoryLimitBytes, options.CpuLimit, options.PidsMax),
            };
            var uid = candidate.SwitchUid ? options.UidRangeStart : (int?)null;
            if (candidate.Cgroups is { } driver)
            {
                string? failure;
                try
                {
                    await using var cgroup = driver.Create($"{CgroupDriver.NamePrefix}{Environment.ProcessId}-probe", spec.Limits);
                    failure = await RunAsync(SandboxCommandLine.Build(candidate, options, spec, uid, cgroup, state), spawnThread);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    failure = e.Message;
                }

                if (failure is null)
                {
                    return ("", driver, "");
                }

                cgroupProblem = $"a test sandbox in a cgroup of {driver.Describe()} failed: {failure}";
            }

            var plain = await RunAsync(SandboxCommandLine.Build(candidate with { Cgroups = null }, options, spec, uid, cgroup: null, state), spawnThread);
            return plain is null
                ? ("", null, cgroupProblem)
                : ($"bubblewrap could not start a test sandbox: {plain}. On hosts that restrict user namespaces, allow them "
                    + "(sysctl kernel.unprivileged_userns_clone=1 or user.max_user_namespaces > 0) or run the supervisor as root.", null, cgroupProblem);
        }
        finally
        {
            runtimeDirectory.RemoveDirectory(state);
        }
    }

    private static async Task<string?> RunAsync(WorkerCommand command, ProcessSpawnThread spawnThread)
    {
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        try
        {
            var cli = command.ToCli();
            // The sandbox dies with the thread that starts it: start it on the long-lived one.
            var result = await await spawnThread.InvokeAsync(() => cli.ExecuteBufferedAsync(timeout.Token).Task);
            return result.ExitCode == 0
                ? null
                : $"exit code {result.ExitCode}: {result.StandardError.Trim()}";
        }
        catch (Exception e) when (e is OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            return e.Message;
        }
    }

    private static async Task<string> VersionOfAsync(string bubblewrap)
    {
        try
        {
            var result = await Cli.Wrap(bubblewrap).WithArguments("--version").WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
            return result.StandardOutput.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "bubblewrap";
        }
    }

    private static string? FindExecutable(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }

    internal static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MiB",
        _ => $"{bytes} bytes",
    };
}
