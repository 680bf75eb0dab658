using System.Diagnostics;
using System.Globalization;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

/// <summary>
/// What the containment tests share: a supervisor started with the limits a deployment would set,
/// and a marker unique to the test that every process a hostile plugin starts carries in its
/// command line. Whatever still carries it when the test ends is killed: where containment is
/// missing, the attacks get through and would otherwise leave their processes on the machine.
/// </summary>
public abstract class ContainmentTest(ITestOutputHelper output) : IntegrationTest(output)
{
    /// <summary>Per-session memory limit. The managed heap limit sits below it.</summary>
    internal const long MemoryLimitBytes = 512L << 20;

    /// <summary>Per-session process (and thread) limit.</summary>
    internal const int PidsMax = 128;

    /// <summary>Per-session scratch size.</summary>
    internal const long ScratchSizeBytes = 64L << 20;

    /// <summary>Put in the command line of every process the hostile plugin starts.</summary>
    internal string Marker { get; } = "cuvis-hostile-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// A supervisor configured as a deployment would be: the strict profile, and limits small
    /// enough that an attack reaches them within seconds. The one place that names the settings.
    /// </summary>
    internal Task<SupervisorProcess> StartContainedSupervisorAsync(params string[] arguments) =>
        StartSupervisorAsync(
        [
            "--Containment:Profile=strict",
            "--Containment:Network=false",
            "--Containment:MemoryLimitBytes=" + MemoryLimitBytes.ToString(CultureInfo.InvariantCulture),
            "--Containment:PidsMax=" + PidsMax.ToString(CultureInfo.InvariantCulture),
            "--Containment:ScratchSizeBytes=" + ScratchSizeBytes.ToString(CultureInfo.InvariantCulture),
            .. arguments,
        ]);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        var leftovers = ProcessTable.Find(Marker);
        foreach (var pid in leftovers)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }

        if (leftovers.Count > 0)
        {
            Output.WriteLine($"Killed {leftovers.Count} leftover processes marked {Marker}.");
        }
    }
}
