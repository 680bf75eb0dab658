using System.Globalization;

namespace Cuvis.Sandbox.Bench;

/// <summary>
/// CPU time of processes from /proc: the whole process from <c>/proc/&lt;pid&gt;/stat</c>, and per
/// thread the .NET tiered compiler's background thread (where tier-1 JIT runs), so a figure can
/// say whether it measured warm code or processes still compiling themselves.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>USER_HZ, the unit of utime and stime in /proc: 100 on every Linux architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The tiered compiler's thread name as /proc shows it (cut at 15 characters).</summary>
    private const string TieredCompilerThread = ".NET Tiered Com";

    /// <summary>CPU time so far of <paramref name="processIds"/>; a process that is gone counts nothing.</summary>
    public static CpuTime Read(IEnumerable<int> processIds)
    {
        var total = 0.0;
        var jit = new Dictionary<string, double>();
        foreach (var pid in processIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))
        {
            total += ParseStat(ReadOrEmpty($"/proc/{pid}/stat"))?.Seconds ?? 0;
            foreach (var task in TasksOf(pid))
            {
                if (ParseStat(ReadOrEmpty(Path.Combine(task, "stat"))) is { Name: TieredCompilerThread } thread)
                {
                    jit[task] = thread.Seconds;
                }
            }
        }

        return new CpuTime(TimeSpan.FromSeconds(total), jit);
    }

    /// <summary>The thread name and utime + stime in seconds of one <c>stat</c> line; null when it is not one.</summary>
    public static (string Name, double Seconds)? ParseStat(string stat)
    {
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        // After the name: state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime.
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 12
               && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
               && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
            ? (stat[(open + 1)..close], (user + system) / TicksPerSecond)
            : null;
    }

    private static string[] TasksOf(string pid)
    {
        try
        {
            return Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
