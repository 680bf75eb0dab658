namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>Reads the live process table from /proc, the way an operator would check for leftovers.</summary>
internal static class ProcessTable
{
    /// <summary>Pids whose command line contains <paramref name="fragment"/> (excluding this test process).</summary>
    public static IReadOnlyList<int> Find(string fragment)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(System.IO.Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(fragment, StringComparison.Ordinal) && IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>The processes descended from <paramref name="roots"/>, roots included, by walking parent pids in /proc.</summary>
    public static IReadOnlyList<int> WithDescendants(IEnumerable<int> roots)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(System.IO.Path.GetFileName(directory), out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var found = new HashSet<int>(roots.Where(IsAlive));
        bool added;
        do
        {
            added = false;
            foreach (var (pid, parent) in parents)
            {
                if (found.Contains(parent) && found.Add(pid))
                {
                    added = true;
                }
            }
        }
        while (added);

        return [.. found.Where(IsAlive)];
    }

    /// <summary>The short command name (/proc/pid/comm), or "" when the process is gone.</summary>
    public static string CommandName(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>A memory field of <c>/proc/PID/status</c> (VmRSS, VmHWM, ...) in bytes.</summary>
    public static long StatusBytes(int pid, string field)
    {
        var value = StatusField(pid, field) ?? throw new InvalidOperationException($"/proc/{pid}/status has no {field}.");
        return long.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>
    /// The CPU weight of <paramref name="pid"/>'s cgroup as the kernel holds it: <c>cpu.shares</c>
    /// in its v1 cpu hierarchy (default 1024), else <c>cpu.weight</c> in the unified one (default 100).
    /// </summary>
    public static (string File, long Value) CpuWeight(int pid)
    {
        var lines = File.ReadAllLines($"/proc/{pid}/cgroup").Select(line => line.Split(':', 3)).ToArray();
        var (directory, file) = lines.FirstOrDefault(parts => parts[1].Split(',').Contains("cpu")) is { } v1
            ? ($"/sys/fs/cgroup/{v1[1]}{v1[2]}", "cpu.shares")
            : ("/sys/fs/cgroup" + lines.Single(parts => parts[0] == "0")[2], "cpu.weight");
        return (file, long.Parse(File.ReadAllText(Path.Combine(directory, file)).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Resets the process's peak resident size (VmHWM) to its current size, so a later read measures from now (root, Linux 4.0+).</summary>
    public static void ResetPeakResidentSize(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    /// <summary>Reads one field of /proc/pid/status (e.g. "Uid", "CapEff", "NoNewPrivs"), or null.</summary>
    public static string? StatusField(int pid, string field)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/status")
                .FirstOrDefault(line => line.StartsWith(field + ":", StringComparison.Ordinal))?[(field.Length + 1)..].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>CPU time the process has used so far, user and system (from /proc/pid/stat, in clock ticks of 10 ms).</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Sends signal <paramref name="name"/> (KILL, STOP, CONT...) with kill(1); fails the test if it cannot.</summary>
    public static void Signal(int pid, string name)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + name, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        kill.ExitCode.Should().Be(0, $"kill -{name} {pid} must reach the process");
    }

    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(25);
        }

        return true;
    }
}
