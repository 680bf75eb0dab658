using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using FluentAssertions.Execution;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

public sealed partial class HostilePluginTests
{
    [Fact]
    public async Task ReadingSecretsTheServersFilesAndOtherSessions_RevealsNothing()
    {
        // What the host really holds there: none of it may show up in a report. A blocked attempt
        // passes, and so does a harmless private view (an empty /root inside the sandbox).
        var settings = Path.Combine(Path.GetDirectoryName(Artifacts.SupervisorAssembly)!, "appsettings.json");
        var healthy = _healthyDirectory;
        (string Kind, (string, object) Knob, string[] Secrets)[] attempts =
        [
            ("read-file", ("path", "/etc/shadow"), [Opening(await File.ReadAllTextAsync("/etc/shadow"))]),
            ("read-file", ("path", settings), [Opening(await File.ReadAllTextAsync(settings))]),
            ("read-environ", ("pid", _supervisor.ProcessId), [Opening(await File.ReadAllTextAsync($"/proc/{_supervisor.ProcessId}/environ"))]),
            ("read-environ", ("pid", HealthyWorkerPid()), [Opening(await File.ReadAllTextAsync($"/proc/{HealthyWorkerPid()}/environ"))]),
            ("list-dir", ("path", "/root"), Entries("/root")),
            ("list-dir", ("path", healthy), Entries(healthy)),
            ("list-dir", ("path", Path.GetDirectoryName(healthy)!), [Path.GetFileName(healthy)]),
            ("list-dir", ("path", Path.Combine(_fixture.Cache, "builds")), Entries(Path.Combine(_fixture.Cache, "builds"))),
        ];

        var reports = new List<string>();
        foreach (var (kind, knob, _) in attempts)
        {
            reports.Add(await _hostile.AttackAsync(kind, knob));
        }

        using (new AssertionScope())
        {
            for (var i = 0; i < attempts.Length; i++)
            {
                var (kind, knob, secrets) = attempts[i];
                var report = reports[i];
                ShouldHaveRun($"{kind} {knob.Item2}", report);
                var revealed = IsBlocked(report) ? [] : secrets.Where(secret => report.Contains(secret, StringComparison.Ordinal)).ToArray();
                revealed.Should().BeEmpty($"{kind} {knob.Item2} must reveal nothing of the host's; the plugin reported: {report}");
            }
        }

        await HealthySessionAndSupervisorSurvivedAsync();
    }

    [Fact]
    public async Task WritingOutsideScratch_ChangesNothingOutside()
    {
        var name = Marker + ".txt";
        string[] targets =
        [
            Work.Combine(name),
            Path.Combine(_healthyDirectory, name),
            Path.Combine(_healthyDirectory, "scratch", name),
            Path.Combine(KitBuildEntry(), "out", name),
            Path.Combine(_supervisor.RuntimeDirectory, name),
        ];

        var reports = new List<string>();
        foreach (var target in targets)
        {
            reports.Add(await _hostile.AttackAsync("write-file", ("path", target), ("marker", Marker)));
        }

        using (new AssertionScope())
        {
            for (var i = 0; i < targets.Length; i++)
            {
                ShouldHaveRun("write-file " + targets[i], reports[i]);

                // Seen from outside: a write into a private view inside the sandbox would be harmless.
                File.Exists(targets[i]).Should().BeFalse($"the plugin must not write {targets[i]}; it reported: {reports[i]}");
            }
        }

        await HealthySessionAndSupervisorSurvivedAsync();
    }

    [Fact]
    public async Task FillingScratch_StopsAtTheScratchLimit()
    {
        var report = await _hostile.AttackAsync("fill-scratch", ("bytes", 16 * ScratchSizeBytes));

        IsBlocked(report).Should().BeTrue("writing must stop at an error at the scratch limit, but: " + report);
        LongField(report, "written").Should().BeLessThanOrEqualTo(ScratchSizeBytes, report);
        await HealthySessionAndSupervisorSurvivedAsync();
    }

    /// <summary>The start of a file's content as a report shows it (one line, NULs as spaces).</summary>
    private static string Opening(string content)
    {
        var shown = content.Replace('\0', ' ').Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return shown[..Math.Min(shown.Length, 60)];
    }

    private static string[] Entries(string directory) =>
        Directory.GetFileSystemEntries(directory).Select(entry => Path.GetFileName(entry)).Where(name => name.Length >= 4).ToArray();
}
