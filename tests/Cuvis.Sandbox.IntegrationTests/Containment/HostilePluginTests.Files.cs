using Cuvis.Sandbox.IntegrationTests.Containment.Matrix;
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
        (string Attack, string Kind, (string, object) Knob, string[] Secrets)[] attempts =
        [
            ("read /etc/shadow", "read-file", ("path", "/etc/shadow"), [Opening(await File.ReadAllTextAsync("/etc/shadow"))]),
            ("read the supervisor's appsettings.json", "read-file", ("path", settings), [Opening(await File.ReadAllTextAsync(settings))]),
            ("read /proc/<supervisor>/environ", "read-environ", ("pid", _supervisor.ProcessId), [Opening(await File.ReadAllTextAsync($"/proc/{_supervisor.ProcessId}/environ"))]),
            ("read /proc/<another worker>/environ", "read-environ", ("pid", HealthyWorkerPid()), [Opening(await File.ReadAllTextAsync($"/proc/{HealthyWorkerPid()}/environ"))]),
            ("list /root", "list-dir", ("path", "/root"), Entries("/root")),
            ("list another session's worker directory", "list-dir", ("path", healthy), Entries(healthy)),
            ("list the supervisor's runtime directory", "list-dir", ("path", Path.GetDirectoryName(healthy)!), [Path.GetFileName(healthy)]),
            ("list the plugin cache", "list-dir", ("path", Path.Combine(_fixture.Cache, "builds")), Entries(Path.Combine(_fixture.Cache, "builds"))),
        ];

        var reports = new List<string>();
        foreach (var (_, kind, knob, _) in attempts)
        {
            reports.Add(await _hostile.AttackAsync(kind, knob));
        }

        var revealed = attempts.Select((attempt, i) =>
            IsBlocked(reports[i]) ? [] : attempt.Secrets.Where(secret => reports[i].Contains(secret, StringComparison.Ordinal)).ToArray()).ToArray();
        await FinishAsync([.. attempts.Select((attempt, i) => (HostileGroup.Escapes, attempt.Attack,
            revealed[i].Length > 0 ? HostileOutcome.Escaped("revealed " + revealed[i][0])
            : IsBlocked(reports[i]) ? HostileOutcome.Of(reports[i])
            : HostileOutcome.Contained("a private view: " + reports[i]["succeeded: ".Length..])))]);

        using (new AssertionScope())
        {
            for (var i = 0; i < attempts.Length; i++)
            {
                ShouldHaveRun(attempts[i].Attack, reports[i]);
                revealed[i].Should().BeEmpty($"{attempts[i].Attack} must reveal nothing of the host's; the plugin reported: {reports[i]}");
            }
        }
    }

    [Fact]
    public async Task WritingOutsideScratch_ChangesNothingOutside()
    {
        var name = Marker + ".txt";
        // The hostile worker's plugins directory: its plugins are hard links of its session's copies.
        var ownWorker = SandboxTraces.Of(_supervisor).NewDirectoryNames(_healthyTraces).Single(n => n.StartsWith("w-", StringComparison.Ordinal));
        var ownPlugins = Path.Combine(Path.GetDirectoryName(_healthyDirectory)!, ownWorker, "plugins");

        // Where the plugin writes, as it names it, and where that would land on the host.
        (string Attack, string Inside, string Outside)[] targets =
        [
            ("write the test's work directory", Work.Combine(name), Work.Combine(name)),
            ("write into another session's worker directory", Path.Combine(_healthyDirectory, name), Path.Combine(_healthyDirectory, name)),
            ("write into another session's scratch", Path.Combine(_healthyDirectory, "scratch", name), Path.Combine(_healthyDirectory, "scratch", name)),
            ("write into another plugin's cache entry", Path.Combine(KitBuildEntry(), "out", name), Path.Combine(KitBuildEntry(), "out", name)),
            ("write into its own cache entry", Path.Combine(_fixture.Cache, "builds", _fixture.HostileBuildKey, name), Path.Combine(_fixture.Cache, "builds", _fixture.HostileBuildKey, name)),
            ("write into the supervisor's runtime directory", Path.Combine(_supervisor.RuntimeDirectory, name), Path.Combine(_supervisor.RuntimeDirectory, name)),
            ("write into its own staged plugins (/sandbox/plugins)", "/sandbox/plugins/" + name, Path.Combine(ownPlugins, name)),
            ("write into the worker's binaries (/sandbox/app)", "/sandbox/app/" + name, Path.Combine(Path.GetDirectoryName(Artifacts.WorkerAssembly)!, name)),
        ];

        var reports = new List<string>();
        foreach (var target in targets)
        {
            reports.Add(await _hostile.AttackAsync("write-file", ("path", target.Inside), ("marker", Marker)));
        }

        // Seen from outside: a write into a private view inside the sandbox would be harmless.
        var landed = targets.Select(target => File.Exists(target.Outside)).ToArray();
        await FinishAsync([.. targets.Select((target, i) => (HostileGroup.Escapes, target.Attack,
            landed[i] ? HostileOutcome.Escaped("the file appeared at " + target.Outside)
            : IsBlocked(reports[i]) ? HostileOutcome.Of(reports[i])
            : HostileOutcome.Contained("wrote into a private view only; nothing appeared outside")))]);

        using (new AssertionScope())
        {
            for (var i = 0; i < targets.Length; i++)
            {
                ShouldHaveRun(targets[i].Attack, reports[i]);
                landed[i].Should().BeFalse($"the plugin must not write {targets[i].Outside}; it reported: {reports[i]}");
            }
        }
    }

    [Fact]
    public async Task FillingScratch_StopsAtTheScratchLimit()
    {
        var report = await _hostile.AttackAsync("fill-scratch", ("bytes", 16 * ScratchSizeBytes));

        await FinishAsync((HostileGroup.Floods, "fill scratch (16 × its size)", HostileOutcome.Of(report)));
        IsBlocked(report).Should().BeTrue("writing must stop at an error at the scratch limit, but: " + report);
        LongField(report, "written").Should().BeLessThanOrEqualTo(ScratchSizeBytes, report);
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
