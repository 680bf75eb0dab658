using System.Globalization;
using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Bench;

/// <summary>What a run measured, what it left out, what failed, and how long it and each group took.</summary>
internal sealed record BenchOutcome(
    IReadOnlyList<BenchRow> Rows, IReadOnlyList<BenchRows> Skipped, IReadOnlyList<string> Failures, TimeSpan Elapsed,
    IReadOnlyList<(BenchRows Group, TimeSpan Took)> Groups)
{
    /// <summary>True when every chosen group was measured (targets may still have been missed).</summary>
    public bool Made => Failures.Count == 0;

    public string Render(BenchSettings settings, IReadOnlyList<string> arguments, DateTimeOffset finished) => BenchTable.Render(Rows,
    [
        "# Cuvis.Sandbox benchmark",
        "",
        $"- date: {finished.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}; {Took(Elapsed, Groups)}",
        $"- machine: {MachineDescription()}",
        $"- command: `./run.sh bench{string.Concat(arguments.Select(a => " " + a))}`",
        $"- supervisor: {settings.SupervisorAssembly}",
        "- mode: " + (settings.Quick ? "quick (fewer repetitions)" : "full")
                   + (Skipped.Count > 0 ? $"; skipped as too slow for --quick: {string.Join(", ", Skipped.Select(s => s.ToString().ToLowerInvariant()))}" : ""),
    ]);

    /// <summary>The run's time and each group's, so a change that slows <c>--quick</c> past two minutes shows where.</summary>
    public static string Took(TimeSpan elapsed, IReadOnlyList<(BenchRows Group, TimeSpan Took)> groups) =>
        $"took {elapsed.TotalSeconds:0} s"
        + (groups.Count > 0 ? $" ({string.Join(", ", groups.Select(g => $"{g.Group.ToString().ToLowerInvariant()} {g.Took.TotalSeconds:0} s"))})" : "");

    private static string MachineDescription()
    {
        var model = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadFirst("/proc/meminfo", "MemTotal") is { } total
                     && long.TryParse(total.Replace("kB", "", StringComparison.Ordinal).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kib)
            ? $", {kib / (1024.0 * 1024):0} GiB"
            : "";
        var load = File.Exists("/proc/loadavg") ? $"; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end (the cores are shared)" : "";
        return $"{Environment.ProcessorCount} cores ({model}){memory}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}{load}";
    }

    private static string? ReadFirst(string file, string key)
    {
        try
        {
            return File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
