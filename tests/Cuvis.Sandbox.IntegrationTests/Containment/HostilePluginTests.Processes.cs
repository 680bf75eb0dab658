using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using FluentAssertions.Execution;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

public sealed partial class HostilePluginTests
{
    private const int SigKill = 9;
    private static readonly TimeSpan LeftoverWait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task SigkillToTheSupervisor_IsBlocked_AndItStaysUp()
    {
        var report = await _hostile.AttackAsync("signal", ("pid", _supervisor.ProcessId), ("signal", SigKill));

        IsBlocked(report).Should().BeTrue("a plugin must not signal the supervisor, but: " + report);
        await HealthySessionAndSupervisorSurvivedAsync();
    }

    [Fact]
    public async Task SigkillToAnotherSessionsWorker_IsBlocked_AndThatSessionCarriesOn()
    {
        var victim = HealthyWorkerPid();

        var report = await _hostile.AttackAsync("signal", ("pid", victim), ("signal", SigKill));

        IsBlocked(report).Should().BeTrue("a plugin must not signal another session's worker, but: " + report);
        ProcessTable.IsAlive(victim).Should().BeTrue();
        await HealthySessionAndSupervisorSurvivedAsync();
    }

    [Fact]
    public async Task KillingItsParent_LeavesTheSupervisorAndOtherSessionsUp()
    {
        var other = HealthyWorkerPid();

        var report = await _hostile.AttackAsync("kill-parent");

        Output.WriteLine("kill-parent: " + report);
        // Whatever the plugin's parent is inside its sandbox, it is not the supervisor.
        (await ProcessTable.WaitUntilAsync(() => !ProcessTable.IsAlive(_supervisor.ProcessId), TimeSpan.FromSeconds(2)))
            .Should().BeFalse("the supervisor must survive kill(getppid(), SIGKILL); the plugin reported: " + report);
        ProcessTable.IsAlive(other).Should().BeTrue("the other session's worker lives on");
        await HealthySessionAndSupervisorSurvivedAsync();
    }

    [Fact]
    public async Task PtraceOfAnotherSessionsWorker_IsRefused()
    {
        var report = await _hostile.AttackAsync("ptrace", ("pid", HealthyWorkerPid()));

        IsBlocked(report).Should().BeTrue("a plugin must not trace another worker, but: " + report);
        await HealthySessionAndSupervisorSurvivedAsync();
    }

    [Fact]
    public async Task ForkBomb_IsCappedByThePidsLimit_AndNothingItStartedOutlivesTheSession()
    {
        // Past the limit, but few enough that a host without one only gets 200 sleeping processes.
        var report = await _hostile.AttackAsync("fork-bomb", ("marker", Marker), ("count", PidsMax + 72), ("seconds", 20));

        Output.WriteLine("fork-bomb: " + report);
        using (new AssertionScope())
        {
            report.Should().NotStartWith("succeeded:", "process creation must fail at the pids limit");
            if (IsBlocked(report))
            {
                LongField(report, "started").Should().BeLessThan(PidsMax, report);
            }

            await _hostile.CloseAsync();
            await NothingMarkedIsLeftAsync("no process the fork bomb started may outlive its session");
        }

        await HealthySessionAndSupervisorSurvivedAsync();
    }

    [Fact]
    public async Task SetsidDaemon_DoesNotOutliveCloseSession()
    {
        var report = await _hostile.AttackAsync("daemon", ("marker", Marker));

        Output.WriteLine("daemon: " + report);
        ShouldHaveRun("daemon", report);
        await _hostile.CloseAsync();
        await NothingMarkedIsLeftAsync("a daemon must die with its session");
        await HealthySessionAndSupervisorSurvivedAsync();
    }

    [Theory]
    [InlineData("crash")]
    [InlineData("stack-overflow")]
    public async Task CrashingOnPurpose_EndsOnlyItsOwnWorker(string kind)
    {
        var report = await _hostile.AttackAsync(kind);

        report.Should().StartWith("call failed: Unavailable", "the crash ends the hostile worker");
        await HealthySessionAndSupervisorSurvivedAsync();
    }

    [Fact]
    public async Task SpinningPastItsDeadline_KeepsTheHealthySessionAnswering_AndIsStoppedByCloseSession()
    {
        var spinner = _supervisor.WorkerPidOf(_hostile.Id);

        var report = await _hostile.AttackAsync(TimeSpan.FromSeconds(5), "spin", ("seconds", 600), ("threads", Environment.ProcessorCount));
        await Task.Delay(TimeSpan.FromSeconds(5));
        await _hostile.CloseAsync();

        report.Should().StartWith("call failed: DeadlineExceeded");
        (await ProcessTable.WaitUntilAsync(() => !ProcessTable.IsAlive(spinner), LeftoverWait))
            .Should().BeTrue("CloseSession stops a worker that ignores cancellation");
        await HealthySessionAndSupervisorSurvivedAsync();
    }

    private async Task NothingMarkedIsLeftAsync(string because) =>
        (await ProcessTable.WaitUntilAsync(() => ProcessTable.Find(Marker).Count == 0, LeftoverWait))
            .Should().BeTrue($"{because}; still running after {LeftoverWait.TotalSeconds:0} s: {ProcessTable.Find(Marker).Count} processes marked {Marker}");
}
