using System.Globalization;

namespace Cuvis.Sandbox.Bench;

/// <summary>Resident set sizes read from /proc/&lt;pid&gt;/status.</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS of <paramref name="processId"/> in bytes; throws <see cref="InvalidOperationException"/> when the process is gone.</summary>
    public static long RssBytes(int processId)
    {
        string[] status;
        try
        {
            status = File.ReadAllLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Cannot read the memory of pid {processId}: {exception.Message}", exception);
        }

        return ParseVmRss(status) ?? throw new InvalidOperationException($"/proc/{processId}/status has no VmRSS line.");
    }

    /// <summary>The VmRSS line (<c>VmRSS:   123456 kB</c>) in bytes.</summary>
    public static long? ParseVmRss(IEnumerable<string> status) =>
        status.FirstOrDefault(line => line.StartsWith("VmRSS:", StringComparison.Ordinal)) is { } line
        && long.TryParse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kib)
            ? kib * 1024
            : null;

    /// <summary>True when the process runs the worker assembly (and is not one of the sandbox's wrapper layers).</summary>
    public static bool IsWorker(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/cmdline").Contains("Cuvis.Sandbox.Worker.dll", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
