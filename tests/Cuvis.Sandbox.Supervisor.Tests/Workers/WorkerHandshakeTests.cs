using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers;

public sealed class WorkerHandshakeTests
{
    [Fact]
    public void Parse_TheLineAWorkerPrints_ReadsEveryField()
    {
        var line = WorkerProtocol.FormatReadyLine(4242, "unix:/tmp/x/worker.sock");

        var handshake = WorkerHandshake.Parse(line);

        handshake.Should().Be(new WorkerHandshake(WorkerProtocol.Version, 4242, "unix:/tmp/x/worker.sock"));
    }

    [Theory]
    [InlineData("cuvis-sandbox-worker-ready pid=1 endpoint=unix:/a")]
    [InlineData("cuvis-sandbox-worker-ready protocol=x pid=1 endpoint=unix:/a")]
    [InlineData("cuvis-sandbox-worker-ready protocol=1 pid=-1 endpoint=unix:/a")]
    [InlineData("cuvis-sandbox-worker-ready protocol=1 pid=1")]
    [InlineData("something else entirely")]
    public void Parse_MalformedLine_ReturnsNull(string line) => WorkerHandshake.Parse(line).Should().BeNull();

    [Theory]
    [InlineData("cuvis-sandbox-worker-ready protocol=1", true)]
    [InlineData("cuvis-sandbox-worker-readyish protocol=1", false)]
    [InlineData("info: cuvis-sandbox-worker-ready", false)]
    public void IsHandshakeLine_OnlyForTheReadyPrefix(string line, bool expected) =>
        WorkerHandshake.IsHandshakeLine(line).Should().Be(expected);
}
