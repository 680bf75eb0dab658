using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Chaos.Tests;

/// <summary>
/// The lines as the supervisor writes them (copied from a real log). The short chaos run in the
/// integration suite proves they still match: without them it injects and recovers nothing.
/// </summary>
public sealed class SupervisorLogReaderTests
{
    private const string Session = "294d7ce2-e568-4e1e-a705-cbfe47cd2bfc";

    private readonly SessionBook _book = new(new RunClock(new FakeTimeProvider()));

    [Fact]
    public void ReadsTheListener_AWorkerReady_ItsExit_TheRecovery_AndAFailedSession()
    {
        SupervisorLogReader.Read("14:47:15.001 info: Cuvis.Sandbox.Supervisor[2200] Cuvis.Sandbox supervisor listening on http://127.0.0.1:37685", _book)
            .Should().Be(37685);
        Read($"14:47:15.100 info: Cuvis.Sandbox.Supervisor.Workers.WorkerFactory[2111] Session {Session}: worker pid 9766 ready (.NET 10.0.0)");
        _book.Opened(Session);
        var fault = _book.Open(FaultKind.Kill, new Random(1))!;
        fault.ProcessId.Should().Be(9766);

        Read($"14:47:15.599 warn: Cuvis.Sandbox.Supervisor.Workers.WorkerProcess[2113] Session {Session}: worker pid 9766 was killed by signal SIGKILL "
             + "(exit code 137; e.g. kill -9 or the kernel's out-of-memory killer) unexpectedly; last stderr lines:   info: Cuvis.Sandbox.Worker[1000]");
        Read($"14:47:18.252 warn: Cuvis.Sandbox.Supervisor.Sessions.SessionRegistry[2010] Session {Session}: worker recovered as pid 9857 after its worker "
             + "(pid 9766) was killed by signal SIGKILL (exit code 137) (restart 1 of 3 in the window)");

        fault.NoticedAt.Should().NotBeNull();
        fault.RecoveredAt.Should().NotBeNull();
        _book.Open(FaultKind.Kill, new Random(1))!.ProcessId.Should().Be(9857);

        Read($"14:47:19.000 fail: Cuvis.Sandbox.Supervisor.Sessions.SessionRegistry[2012] Session {Session} failed: its restart budget is spent; last cause: x");
        _book.Sessions().Single().FailedAt.Should().NotBeNull();
    }

    [Fact]
    public void TheOverrunKillLine_IsNotAnExit()
    {
        Read($"14:47:15.100 info: W[2111] Session {Session}: worker pid 9766 ready (.NET 10.0.0)");
        _book.Opened(Session);

        Read($"14:47:16.000 warn: W[2118] Session {Session}: killing worker pid 9766: Inference overran its deadline");
        Read($"14:47:16.000 warn: W[2114] Session {Session}: worker pid 9766 still running 5 s after the shutdown request; killing its process tree");

        _book.UnexpectedExits.Should().BeEmpty();
        _book.Sessions().Single().WorkerPid.Should().Be(9766);
    }

    private void Read(string line) => SupervisorLogReader.Read(line, _book).Should().BeNull();
}
