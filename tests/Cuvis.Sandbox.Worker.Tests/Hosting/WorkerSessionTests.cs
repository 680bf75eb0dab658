using Cuvis.Sandbox.Worker.Hosting;

namespace Cuvis.Sandbox.Worker.Tests.Hosting;

public sealed class WorkerSessionTests
{
    [Fact]
    public void NewWorker_IsUnbound_UntilInitializeBindsIt()
    {
        var sut = new WorkerSession();

        sut.Id.Should().Be(WorkerSession.UnboundId);
        sut.TryBind("s1").Should().BeTrue();
        sut.Id.Should().Be("s1");
    }

    [Fact]
    public void BoundWorker_RefusesAnotherSession_ButAcceptsItsOwnAgain()
    {
        var sut = WorkerSession.BoundTo("s1");

        sut.TryBind("s2").Should().BeFalse("a worker serves one session for its whole life");
        sut.TryBind("s1").Should().BeTrue("a repeated Initialize of the same session is harmless");
        sut.Id.Should().Be("s1");
    }
}
