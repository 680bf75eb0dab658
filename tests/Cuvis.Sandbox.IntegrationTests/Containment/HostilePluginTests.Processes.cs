using Cuvis.Sandbox.IntegrationTests.Containment.Matrix;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using FluentAssertions.Execution;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

public sealed partial class HostilePluginTests
{
    private const int SigKill = 9;
    private const int SigStop = 19;

    [Fact]
    public async Task SignalsAndPtrace_AimedAtTheSupervisorAndAnotherWorker_AreRefused_AndBothStayUp()
    {
        var victim = HealthyWorkerPid();
        (string Attack, string Kind, (string, object)[] Knobs)[] attempts =
        [
            ("SIGKILL the supervisor", "signal", [("pid", _supervisor.ProcessId), ("signal", SigKill)]),
            ("SIGSTOP the supervisor", "signal", [("pid", _supervisor.ProcessId), ("signal", SigStop)]),
            ("SIGKILL another session's worker", "signal", [("pid", victim), ("signal", SigKill)]),
            ("SIGKILL its own parent", "kill-parent", []),
            ("ptrace the supervisor", "ptrace", [("pid", _supervisor.ProcessId)]),
            ("ptrace another session's worker", "ptrace", [("pid", victim)]),
        ];

        var reports = new List<string>();
        foreach (var (_, kind, knobs) in attempts)
        {
            reports.Add(await _hostile.AttackAsync(kind, knobs));
        }

        // Whatever the plugin's parent is inside its sandbox, it is not the supervisor; a signal
        // that got through shows from outside as a dead or stopped process.
        var supervisorDied = await ProcessTable.WaitUntilAsync(() => !ProcessTable.IsAlive(_supervisor.ProcessId), TimeSpan.FromSeconds(1));
        var supervisorStopped = ProcessTable.StatusField(_supervisor.ProcessId, "State")?.StartsWith('T') == true;
        var victimDied = !ProcessTable.IsAlive(victim);
        string Observed(int i) => (i, supervisorDied, supervisorStopped, victimDied) switch
        {
            (0 or 3, true, _, _) => HostileOutcome.Escaped("the supervisor died"),
            (1, _, true, _) => HostileOutcome.Escaped("the supervisor is stopped"),
            (2, _, _, true) => HostileOutcome.Escaped("the other worker died"),
            _ => HostileOutcome.Of(reports[i]),
        };

        await FinishAsync([.. attempts.Select((attempt, i) => (HostileGroup.Escapes, attempt.Attack, Observed(i)))]);
        using (new AssertionScope())
        {
            for (var i = 0; i < attempts.Length; i++)
            {
                IsBlocked(reports[i]).Should().BeTrue($"{attempts[i].Attack} must be refused, but: {reports[i]}");
            }

            supervisorStopped.Should().BeFalse("SIGSTOP must not reach the supervisor");
            victimDied.Should().BeFalse("the other session's worker lives on");
        }
    }

    [Fact]
    public async Task ForkBomb_IsCappedByThePidsLimit_AndNothingItStartedOutlivesTheSession()
    {
        // Past the limit, but few enough that a host without one only gets 200 sleeping processes.
        var report = await _hostile.AttackAsync("fork-bomb", ("marker", Marker), ("count", PidsMax + 72), ("seconds", 20));

        Output.WriteLine("fork-bomb: " + report);
        await FinishAsync((HostileGroup.CrashesAndRunaways, $"fork bomb ({PidsMax + 72} processes)", HostileOutcome.Of(report)));
        report.Should().NotStartWith("succeeded:", "process creation must fail at the pids limit");
        if (IsBlocked(report))
        {
            LongField(report, "started").Should().BeLessThan(PidsMax, report);
        }
    }

    [Fact]
    public async Task Daemons_DieWithTheirWorker_WhenItCrashes_AndWhenTheSessionCloses()
    {
        // One marker per daemon, each containing the test's: the cleanup finds them all.
        string[] kinds = ["daemon", "double-fork"];
        var beforeCrash = new List<string>();
        foreach (var kind in kinds)
        {
            beforeCrash.Add(await _hostile.AttackAsync(kind, ("marker", $"{Marker}-{kind}-crash")));
        }

        var crash = await _hostile.AttackAsync("crash");
        var recovered = await _hostile.AttackAsync("whoami");
        var survivedTheCrash = await SurvivorsAsync(kinds, "crash");
        var beforeClose = new List<string>();
        foreach (var kind in kinds)
        {
            beforeClose.Add(await _hostile.AttackAsync(kind, ("marker", $"{Marker}-{kind}-close")));
        }

        await _hostile.CloseAsync();
        var survivedTheClose = await SurvivorsAsync(kinds, "close");

        string Observed(string report, int survivors, string end) => survivors > 0
            ? HostileOutcome.Escaped($"{survivors} processes outlived {end}")
            : report.StartsWith("succeeded:", StringComparison.Ordinal)
                ? HostileOutcome.Contained($"started (parent pid {HostileSession.Field(report, "parent")} in its pid namespace), killed with its cgroup on {end}")
                : HostileOutcome.Of(report);
        var names = new Dictionary<string, string> { ["daemon"] = "setsid daemon", ["double-fork"] = "double-forked daemon" };
        await FinishAsync([
            .. kinds.Select((kind, i) => (HostileGroup.Escapes, $"{names[kind]}, then its worker crashes", Observed(beforeCrash[i], survivedTheCrash[i], "the crash"))),
            .. kinds.Select((kind, i) => (HostileGroup.Escapes, $"{names[kind]}, then CloseSession", Observed(beforeClose[i], survivedTheClose[i], "CloseSession"))),
        ]);

        using (new AssertionScope())
        {
            foreach (var report in beforeCrash.Concat(beforeClose))
            {
                ShouldHaveRun("a daemon", report);
            }

            crash.Should().StartWith("call failed: Unavailable");
            recovered.Should().StartWith("succeeded:", "the session recovers from the crash");
            survivedTheCrash.Should().AllBeEquivalentTo(0, "a daemon dies with its crashed worker, before its session closes");
            survivedTheClose.Should().AllBeEquivalentTo(0, "a daemon dies with its session");
        }
    }

    [Fact]
    public async Task CrashingOnPurpose_EndsOnlyItsOwnWorker_TheSessionRecovers_UntilItsRestartBudgetIsSpent()
    {
        // Sessions:MaxRestarts is 3: the first three crashes are recovered, the fourth fails the session.
        var crash = await _hostile.AttackAsync("crash");
        var afterCrash = await _hostile.AttackAsync("whoami");
        var overflow = await _hostile.AttackAsync("stack-overflow");
        var afterOverflow = await _hostile.AttackAsync("whoami");
        var third = await _hostile.AttackAsync("crash");
        var fourth = await _hostile.AttackAsync("crash");
        var afterBudget = await _hostile.AttackAsync("whoami");

        await FinishAsync(
            (HostileGroup.CrashesAndRunaways, "crash (Environment.FailFast)", HostileOutcome.Of(crash, afterCrash)),
            (HostileGroup.CrashesAndRunaways, "stack overflow", HostileOutcome.Of(overflow, afterOverflow)),
            (HostileGroup.CrashesAndRunaways, "crash again and again (4 times, Sessions:MaxRestarts is 3)", HostileOutcome.Of(fourth, afterBudget)));

        using (new AssertionScope())
        {
            foreach (var report in (string[])[crash, overflow, third, fourth])
            {
                report.Should().StartWith("call failed: Unavailable", "the crash ends the hostile worker");
            }

            afterCrash.Should().StartWith("succeeded:");
            afterOverflow.Should().StartWith("succeeded:");
            afterBudget.Should().StartWith("call failed: FailedPrecondition", "the fourth crash spends the budget");
        }
    }

    [Fact]
    public async Task SpinningPastItsDeadline_IsKilledAfterTheGracePeriod_AndTheSessionRecovers()
    {
        var spinner = _supervisor.WorkerPidOf(_hostile.Id);

        var report = await _hostile.AttackAsync(TimeSpan.FromSeconds(5), "spin", ("seconds", 600), ("threads", Environment.ProcessorCount));
        var killed = await ProcessTable.WaitUntilAsync(() => !ProcessTable.IsAlive(spinner), LeftoverWait);
        var after = await _hostile.AttackAsync("whoami");

        await FinishAsync((HostileGroup.CrashesAndRunaways, "spin ignoring cancellation (all cores)",
            killed ? HostileOutcome.Of(report, after) : HostileOutcome.Escaped("the spinning worker still runs")));
        report.Should().StartWith("call failed: DeadlineExceeded");
        killed.Should().BeTrue("the worker still spinning after Workers:OverrunGracePeriod is killed");
        after.Should().StartWith("succeeded:", "the session recovers on a new worker");
    }

    /// <summary>
    /// For each daemon kind, how many processes it started at <paramref name="stage"/> still run
    /// once <see cref="LeftoverWait"/> passed (0 at once when none do).
    /// </summary>
    private async Task<int[]> SurvivorsAsync(string[] kinds, string stage)
    {
        var survivors = new int[kinds.Length];
        for (var i = 0; i < kinds.Length; i++)
        {
            var marker = $"{Marker}-{kinds[i]}-{stage}";
            await ProcessTable.WaitUntilAsync(() => ProcessTable.Find(marker).Count == 0, LeftoverWait);
            survivors[i] = ProcessTable.Find(marker).Count;
        }

        return survivors;
    }
}
