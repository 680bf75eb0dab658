using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Chaos.Tests;

/// <summary>The verdicts fail when an invariant breaks: each test breaks one.</summary>
public sealed class ChaosReportTests
{
    private static readonly Leftovers None = new(0, 0, 0, 0, 0);

    private readonly FakeTimeProvider _time = new();
    private readonly SessionBook _book;
    private readonly List<CallRecord> _calls = [];

    public ChaosReportTests()
    {
        _book = new SessionBook(new RunClock(_time));
        _book.Opened("a");
        _book.WorkerReady("a", 12);
        _time.Advance(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ACallThatReachedTheKilledWorker_MayFail_AndTheRunPasses()
    {
        var fault = KillAndRecover();
        _calls.Add(Call(9.5, 10.2, StatusCode.Unavailable));
        _calls.Add(Call(11.5, 11.6, StatusCode.OK));

        var report = Report();

        report.Passed.Should().BeTrue(report.Render());
        fault.RecoveryTime.Should().Be(TimeSpan.FromSeconds(1));
        report.Render().Should().Contain("of which reached a killed worker: Unavailable | 1 |").And.Contain("Every invariant held.");
    }

    [Fact]
    public void AHealthyCallThatFailed_FailsTheRun()
    {
        KillAndRecover();
        _calls.Add(Call(12, 12.1, StatusCode.Unavailable)); // after the exit was noticed: it reached the new worker

        var report = Report();

        report.Passed.Should().BeFalse();
        report.Render().Should().Contain("FAIL  no healthy call").And.Contain("Inference a at 12.00 s-12.10 s: Unavailable");
    }

    [Fact]
    public void AWrongAnswer_IsAFailedHealthyCall()
    {
        _calls.Add(Call(1, 1.1, StatusCode.OK, CallRecord.WrongAnswer + "value 3 is 0.5, expected 0.25"));

        Report().Passed.Should().BeFalse();
    }

    [Fact]
    public void AFaultThatNeverResolved_FailsTheRun()
    {
        _book.Open(FaultKind.Stop, new Random(1));

        Report().Render().Should().Contain("FAIL  every injected fault ended");
    }

    [Fact]
    public void ACallThatCarriedAFaultInAndAnswered_FailsTheRun()
    {
        KillAndRecover();
        _calls.Add(Call(12, 13, StatusCode.OK) with { Injected = true });

        Report().Render().Should().Contain("FAIL  every call that carried a fault in");
    }

    [Fact]
    public void LeftoversAnUnexpectedExitOrASupervisorRestart_EachFailTheRun()
    {
        KillAndRecover();
        _book.WorkerExited("a", 13, "was killed by signal SIGKILL");

        var report = Report(afterClose: new Leftovers(1, 0, 2, 0, 0), restarts: 1);

        report.Render().Should().Contain("FAIL  nothing was left once every session closed: 1 / 0 / 2 / 0 / 0")
            .And.Contain("FAIL  no worker died that was not attacked")
            .And.Contain("FAIL  the supervisor stayed up");
    }

    private Fault KillAndRecover()
    {
        var fault = _book.Open(FaultKind.Kill, new Random(1))!; // injected at 10 s
        _time.Advance(TimeSpan.FromSeconds(0.5));
        _book.WorkerExited("a", 12, "was killed by signal SIGKILL");
        _time.Advance(TimeSpan.FromSeconds(0.5));
        _book.Recovered("a", 13);
        return fault;
    }

    private static CallRecord Call(double from, double to, StatusCode status, string detail = "") =>
        new("Inference", "a", TimeSpan.FromSeconds(from), TimeSpan.FromSeconds(to), status, detail);

    private ChaosReport Report(Leftovers? afterClose = null, int restarts = 0) => new(new ChaosOutcome(
        new ChaosSettings { SupervisorAssembly = "s.dll", PluginDirectory = "p", WorkDirectory = "w", Faults = [FaultKind.Kill, FaultKind.Stop] },
        _calls, _book.Sessions(), _book.UnexpectedExits, TimeSpan.FromSeconds(60), restarts, restarts == 0 ? "running" : "exited with code 134",
        afterClose ?? None, None));
}
