using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Chaos.Tests;

public sealed class SessionBookTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly SessionBook _book;

    public SessionBookTests() => _book = new SessionBook(new RunClock(_time));

    [Fact]
    public void Open_PicksOnlyAWorkloadSessionWhoseWorkerIsUpWithNoFaultInProgress()
    {
        _book.WorkerReady("warm-up", 10); // never in the workload
        _book.Opened("a");
        _book.Opened("b");
        _book.WorkerReady("b", 12);

        var fault = _book.Open(FaultKind.Kill, new Random(1));

        fault.Should().NotBeNull();
        fault!.SessionId.Should().Be("b");
        fault.ProcessId.Should().Be(12);
        fault.InjectedAt.Should().NotBeNull();
        _book.Open(FaultKind.Kill, new Random(1)).Should().BeNull("b has a fault in progress and a has no worker yet");
    }

    [Fact]
    public void AFaultACallCarries_WaitsForASessionWithTheSaboteur_AndStartsWhenItsLaneTakesIt()
    {
        _book.Opened("a");
        _book.WorkerReady("a", 12);
        _book.Open(FaultKind.OutOfMemory, new Random(1)).Should().BeNull("a does not run the Saboteur");

        _book.SaboteurLoaded("a");
        var fault = _book.Open(FaultKind.OutOfMemory, new Random(1))!;
        fault.InjectedAt.Should().BeNull("nothing happened yet");

        _time.Advance(TimeSpan.FromSeconds(2));
        _book.TakeCallFault("a").Should().BeSameAs(fault);
        fault.InjectedAt.Should().Be(TimeSpan.FromSeconds(2));
        _book.TakeCallFault("a").Should().BeNull("it is taken once");
    }

    [Fact]
    public void TheSupervisorsLog_ResolvesAFault_AndAnExitNoFaultExplainsIsRecorded()
    {
        _book.Opened("a");
        _book.WorkerReady("a", 12);
        var fault = _book.Open(FaultKind.Kill, new Random(1))!;

        _time.Advance(TimeSpan.FromSeconds(1));
        _book.WorkerExited("a", 12, "was killed by signal SIGKILL");
        _time.Advance(TimeSpan.FromSeconds(1));
        _book.Recovered("a", 13);
        _time.Advance(TimeSpan.FromSeconds(1));
        _book.WorkerExited("a", 13, "was killed by signal SIGKILL");

        fault.NoticedAt.Should().Be(TimeSpan.FromSeconds(1));
        fault.RecoveredAt.Should().Be(TimeSpan.FromSeconds(2));
        fault.IsResolved.Should().BeTrue();
        _book.UnexpectedExits.Should().ContainSingle().Which.Should().Contain("worker pid 13");
    }

    [Fact]
    public void AnExitAfterCloseSession_IsExpected_AndClosingResolvesAFaultStillOpen()
    {
        _book.Opened("a");
        _book.WorkerReady("a", 12);
        var fault = _book.Open(FaultKind.Stop, new Random(1))!;

        _book.Closing("a");
        _book.WorkerExited("a", 99, "exited with code 0");
        _book.Closed("a");

        _book.UnexpectedExits.Should().BeEmpty();
        fault.ClosedAt.Should().NotBeNull();
        fault.IsResolved.Should().BeTrue();
    }

    [Fact]
    public void AFailedSession_ResolvesItsFault_AndTakesNoMore()
    {
        _book.Opened("a");
        _book.WorkerReady("a", 12);
        var fault = _book.Open(FaultKind.Kill, new Random(1))!;

        _book.Failed("a");
        _book.WorkerReady("a", 14);

        fault.FailedAt.Should().NotBeNull();
        _book.Open(FaultKind.Kill, new Random(1)).Should().BeNull("a failed session is not attacked again");
    }
}
