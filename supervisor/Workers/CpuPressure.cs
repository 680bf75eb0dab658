using System.Globalization;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>How busy the machine's CPUs are, as a percentage (see <see cref="WorkerOptions.PoolBusyCpuPressure"/>).</summary>
internal interface ICpuPressure
{
    /// <summary>The current pressure in percent (0 when it cannot be read).</summary>
    double Percent();
}

/// <summary>
/// Linux pressure stall information: the "some avg10" of /proc/pressure/cpu, the share of the
/// last 10 s in which at least one runnable task waited for a CPU. Where PSI is missing (older
/// kernels, other systems), the 1-minute load average per core, as a percentage.
/// </summary>
internal sealed class CpuPressure : ICpuPressure
{
    private const string PressureFile = "/proc/pressure/cpu";
    private const string LoadFile = "/proc/loadavg";

    public double Percent() => Parse(Read(PressureFile), Read(LoadFile), Environment.ProcessorCount);

    /// <summary>The pressure from the files' texts (null when missing).</summary>
    internal static double Parse(string? pressure, string? loadAverage, int processors)
    {
        if (pressure is not null)
        {
            foreach (var line in pressure.Split('\n'))
            {
                if (!line.StartsWith("some ", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var field in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (field.StartsWith("avg10=", StringComparison.Ordinal)
                        && double.TryParse(field.AsSpan(6), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
                    {
                        return percent;
                    }
                }
            }
        }

        if (loadAverage?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..]
            && double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load))
        {
            return Math.Min(100, 100 * load / Math.Max(1, processors));
        }

        return 0;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
