using Cuvis.Sandbox.IntegrationTests.Containment.Matrix;
using FluentAssertions.Execution;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

public sealed partial class HostilePluginTests
{
    [Fact]
    public async Task OtherSessions_TheirScratchSocketsAndIds_AreOutOfReach()
    {
        var beforeVictim = SandboxTraces.Of(_supervisor);
        var victim = await OpenHostileSessionAsync();
        var victimPid = _supervisor.WorkerPidOf(victim.Id);
        var secretName = Marker + "-secret.txt";
        var secret = "cuvis-secret-" + Guid.NewGuid().ToString("N");
        var planted = await victim.AttackAsync("write-file", ("path", "/sandbox/scratch/" + secretName), ("marker", secret));

        // The host sees into the victim's mount namespace: the secret really is in its scratch.
        var victimScratch = $"/proc/{victimPid}/root/sandbox/scratch";
        planted.Should().StartWith("succeeded:", "a worker writes its own scratch");
        (await File.ReadAllTextAsync(Path.Combine(victimScratch, secretName))).Should().Be(secret);

        // What would give another session away: its id, its directories' names, the secret.
        string[] others =
        [
            _healthy.Id, victim.Id, secret, .. _healthyTraces.DirectoryNames(),
            .. SandboxTraces.Of(_supervisor).NewDirectoryNames(beforeVictim),
        ];
        (string Attack, string Kind, (string, object)[] Knobs)[] attempts =
        [
            ("read another session's scratch (/proc/<its worker>/root/sandbox/scratch)", "read-file", [("path", Path.Combine(victimScratch, secretName))]),
            ("list another session's scratch", "list-dir", [("path", victimScratch)]),
            ("connect to another worker's socket (its host path)", "unix-connect", [("path", Path.Combine(_healthyDirectory, "run", "worker.sock")), ("marker", Marker)]),
            ("connect to another worker's socket (through /proc/<its worker>/root)", "unix-connect", [("path", $"/proc/{victimPid}/root/sandbox/run/worker.sock"), ("marker", Marker)]),
            ("scan /proc and shared directories for other sessions' ids", "scan-proc", []),
        ];

        var reports = new List<string>();
        foreach (var (_, kind, knobs) in attempts)
        {
            reports.Add(await _hostile.AttackAsync(kind, knobs));
        }

        Output.WriteLine("scan-proc: " + reports[^1]);
        var revealed = reports.Select(report => others.Where(other => report.Contains(other, StringComparison.OrdinalIgnoreCase)).ToArray()).ToArray();
        await FinishAsync([.. attempts.Select((attempt, i) => (HostileGroup.Escapes, attempt.Attack,
            revealed[i].Length > 0 ? HostileOutcome.Escaped("revealed " + string.Join(", ", revealed[i]))
            : IsBlocked(reports[i]) ? HostileOutcome.Of(reports[i])
            : HostileOutcome.Contained("saw only its own sandbox: " + reports[i]["succeeded: ".Length..])))]);

        using (new AssertionScope())
        {
            for (var i = 0; i < attempts.Length; i++)
            {
                ShouldHaveRun(attempts[i].Attack, reports[i]);
                revealed[i].Should().BeEmpty($"{attempts[i].Attack} must reveal nothing of another session; the plugin reported: {reports[i]}");
                if (attempts[i].Kind != "scan-proc")
                {
                    IsBlocked(reports[i]).Should().BeTrue($"{attempts[i].Attack} must be refused, but: {reports[i]}");
                }
            }
        }
    }
}
