using System.Globalization;

namespace Cuvis.Sandbox.Supervisor.Containment.Cgroups;

/// <summary>
/// One sandbox's cgroup (a directory per hierarchy on v1). Its process joins before it execs,
/// by writing itself into <see cref="ProcsFiles"/>, so everything it ever starts is inside.
/// Disposing kills every process in it (a setsid or double-forked daemon included) and removes it.
/// </summary>
internal sealed class SandboxCgroup : IAsyncDisposable
{
    private static readonly TimeSpan KillPatience = TimeSpan.FromSeconds(5);

    private readonly CgroupVersion _version;
    private readonly IReadOnlyList<string> _directories;

    public SandboxCgroup(CgroupVersion version, IReadOnlyList<string> directories)
    {
        _version = version;
        _directories = directories;
    }

    /// <summary>The <c>cgroup.procs</c> files a process writes its pid into to join.</summary>
    public IReadOnlyList<string> ProcsFiles => [.. _directories.Select(d => Path.Combine(d, "cgroup.procs"))];

    /// <summary>How often the kernel's OOM killer struck inside this cgroup.</summary>
    public long OomKills()
    {
        var file = _version == CgroupVersion.V2 ? "memory.events" : "memory.oom_control";
        foreach (var directory in _directories)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                foreach (var line in File.ReadLines(path))
                {
                    var parts = line.Split(' ');
                    if (parts.Length == 2 && parts[0] == "oom_kill")
                    {
                        return long.Parse(parts[1], CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
            }
        }

        return 0;
    }

    /// <summary>Pids in the cgroup now.</summary>
    public IReadOnlyList<int> Processes()
    {
        var pids = new HashSet<int>();
        foreach (var procs in ProcsFiles)
        {
            try
            {
                foreach (var line in File.ReadLines(procs))
                {
                    if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                    {
                        pids.Add(pid);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return [.. pids];
    }

    internal void Apply(CgroupLimits limits)
    {
        var period = 100_000;
        var quota = Math.Max(1_000, (long)(limits.Cpus * period));
        foreach (var directory in _directories)
        {
            if (_version == CgroupVersion.V2)
            {
                Write(directory, "memory.max", limits.MemoryBytes);
                WriteIfPresent(directory, "memory.swap.max", "0");
                Write(directory, "cpu.max", $"{quota} {period}");
                Write(directory, "pids.max", limits.PidsMax);
                continue;
            }

            // v1: each directory lives in one controller's hierarchy; set what it offers.
            if (File.Exists(Path.Combine(directory, "memory.limit_in_bytes")))
            {
                Write(directory, "memory.limit_in_bytes", limits.MemoryBytes);
                // Swap accounting may be off; then memory.limit_in_bytes alone holds.
                WriteIfPresent(directory, "memory.memsw.limit_in_bytes", limits.MemoryBytes.ToString(CultureInfo.InvariantCulture));
            }

            if (File.Exists(Path.Combine(directory, "cpu.cfs_quota_us")))
            {
                Write(directory, "cpu.cfs_period_us", period);
                Write(directory, "cpu.cfs_quota_us", quota);
            }

            if (File.Exists(Path.Combine(directory, "pids.max")))
            {
                Write(directory, "pids.max", limits.PidsMax);
            }
        }
    }

    /// <summary>
    /// Sets the sandbox's weight on contended cores. Best effort: where the cpu controller offers no
    /// weight, or it may not be written, or the cgroup is already gone, nothing changes (and
    /// nothing fails: a session's bind never hinges on it).
    /// </summary>
    public void SetCpuShare(CpuShare share)
    {
        var (file, value) = (_version, share) switch
        {
            (CgroupVersion.V2, CpuShare.Background) => ("cpu.weight", "6"),
            (CgroupVersion.V2, _) => ("cpu.weight", "100"),
            (_, CpuShare.Background) => ("cpu.shares", "64"),
            _ => ("cpu.shares", "1024"),
        };
        foreach (var directory in _directories)
        {
            WriteIfPresent(directory, file, value);
        }
    }

    /// <summary>Kills everything inside, then removes the cgroup.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAllAsync();
        RemoveEmpty();
    }

    /// <summary>
    /// Kills every process inside: <c>cgroup.kill</c> on v2, else SIGKILL to each pid, repeated
    /// until none is left (a fork racing the kill is caught on the next round).
    /// </summary>
    public async Task KillAllAsync()
    {
        var deadline = DateTime.UtcNow + KillPatience;
        var killFile = _version == CgroupVersion.V2 ? Path.Combine(_directories[0], "cgroup.kill") : null;
        while (Processes() is { Count: > 0 } pids && DateTime.UtcNow < deadline)
        {
            if (killFile is not null && File.Exists(killFile))
            {
                WriteIfPresent(_directories[0], "cgroup.kill", "1");
            }
            else
            {
                foreach (var pid in pids)
                {
                    Libc.Kill(pid, Libc.Sigkill);
                }
            }

            await Task.Delay(10);
        }
    }

    internal void RemoveEmpty()
    {
        foreach (var directory in _directories)
        {
            // A cgroup whose last process is still being reaped refuses rmdir for a moment.
            for (var attempt = 0; attempt < 100 && Directory.Exists(directory); attempt++)
            {
                try
                {
                    Directory.Delete(directory);
                }
                catch (IOException) when (attempt < 99)
                {
                    Thread.Sleep(20);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Left for the next start's sweep.
                }
            }
        }
    }

    private static void Write(string directory, string file, long value) =>
        Write(directory, file, value.ToString(CultureInfo.InvariantCulture));

    private static void Write(string directory, string file, string value) =>
        File.WriteAllText(Path.Combine(directory, file), value);

    private static void WriteIfPresent(string directory, string file, string value)
    {
        try
        {
            if (File.Exists(Path.Combine(directory, file)))
            {
                File.WriteAllText(Path.Combine(directory, file), value);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Optional settings: a cgroup already gone or a file a delegated subtree does not let us write changes nothing.
        }
    }
}
