using System.Globalization;
using System.Text;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;

namespace Cuvis.Sandbox.IntegrationTests.Containment.Matrix;

/// <summary>
/// The hostile-plugin matrix of one test run, written to <c>artifacts/reports/hostile-matrix.md</c>
/// as each test records its rows: a markdown table per group of issue 9, every cell from what the
/// test observed. The first row of a run replaces the file of the previous run; tests of one
/// assembly share this process, so a lock is all the coordination needed.
/// </summary>
internal static class HostileMatrix
{
    private static readonly Lock Gate = new();
    private static readonly List<HostileMatrixRow> Rows = [];

    private static readonly Dictionary<HostileGroup, string> Titles = new()
    {
        [HostileGroup.CrashesAndRunaways] = "Crashes and runaways",
        [HostileGroup.Escapes] = "Escapes",
        [HostileGroup.Floods] = "Floods",
        [HostileGroup.HostileBuilds] = "Hostile builds",
    };

    public static string FilePath { get; } = Path.Combine(Artifacts.RepositoryRoot, "artifacts", "reports", "hostile-matrix.md");

    public static void Record(IEnumerable<HostileMatrixRow> rows)
    {
        lock (Gate)
        {
            Rows.AddRange(rows);
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            File.WriteAllText(FilePath, Format());
        }
    }

    /// <summary>The healthy-session cell: whether <paramref name="healthy"/> failed any call, and how many it answered.</summary>
    public static string HealthyColumn(Bystander healthy) => healthy.Failures.Count == 0
        ? $"no ({healthy.Answered} calls answered)"
        : $"YES: {healthy.Failures.Count} calls failed, first: {healthy.Failures.First()}";

    /// <summary>The supervisor cell: up or not, and how much its memory peak (VmHWM) grew during the attack.</summary>
    public static string SupervisorColumn(SupervisorProcess supervisor, long peakGrowthBytes) =>
        !supervisor.HasExited && ProcessTable.IsAlive(supervisor.ProcessId)
            ? $"no (up; memory peak +{peakGrowthBytes >> 20} MiB)"
            : $"YES: exited with code {supervisor.ExitCode}";

    private static string Format()
    {
        var text = new StringBuilder()
            .AppendLine("# Hostile-plugin matrix")
            .AppendLine()
            .Append(CultureInfo.InvariantCulture, $"Recorded {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by ")
            .AppendLine("`dotnet test tests/Cuvis.Sandbox.IntegrationTests --filter FullyQualifiedName~Containment.Hostile`,")
            .Append(CultureInfo.InvariantCulture, $"{Rows.Count} attacks, each next to a healthy session running inference; ")
            .Append(CultureInfo.InvariantCulture, $"limits per worker: memory {ContainmentTest.MemoryLimitBytes >> 20} MiB, ")
            .Append(CultureInfo.InvariantCulture, $"pids {ContainmentTest.PidsMax}, scratch {ContainmentTest.ScratchSizeBytes >> 20} MiB; ")
            .AppendLine(CultureInfo.InvariantCulture, $"plugin sessions' messages {HostilePluginTests.MaxMessageBytes >> 20} MiB.")
            .AppendLine();
        foreach (var group in Rows.GroupBy(row => row.Group).OrderBy(group => group.Key))
        {
            text.AppendLine("## " + Titles[group.Key])
                .AppendLine()
                .AppendLine("| attack | outcome | healthy session affected? | supervisor affected? | left behind |")
                .AppendLine("|---|---|---|---|---|");
            foreach (var row in group.OrderBy(row => row.Attack, StringComparer.Ordinal))
            {
                text.AppendLine(row.ToMarkdown());
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
