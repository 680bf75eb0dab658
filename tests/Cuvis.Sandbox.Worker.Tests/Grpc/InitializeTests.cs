using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.Worker.V1;
using Cuvis.Sandbox.Worker.Tests.Infrastructure;
using Grpc.Core;
using static Cuvis.Sandbox.Worker.Tests.Infrastructure.InProcessWorker;

namespace Cuvis.Sandbox.Worker.Tests.Grpc;

/// <summary>
/// Initialize on a blank worker over a real channel: a pooled worker's rehearsal gets the answer a
/// bind gets and leaves the worker free for its session; a bind happens once.
/// </summary>
public sealed class InitializeTests : IAsyncLifetime
{
    private InProcessWorker _worker = null!;

    [Fact(Timeout = 60_000)]
    public async Task Rehearsal_AnswersAsABindDoes_AndLeavesTheWorkerFreeForItsSession()
    {
        var rehearsed = await _worker.Client.InitializeAsync(
            new InitializeRequest { ProtocolVersion = WorkerProtocol.Version, Rehearsal = true }, Call);
        var rehearsedAgainNamingASession = await _worker.Client.InitializeAsync(
            new InitializeRequest { ProtocolVersion = WorkerProtocol.Version, SessionId = "not-this-one", Rehearsal = true }, Call);

        var bound = await _worker.Client.InitializeAsync(
            new InitializeRequest { ProtocolVersion = WorkerProtocol.Version, SessionId = "the-session" }, Call);

        rehearsed.Should().Be(bound);
        rehearsedAgainNamingASession.Should().Be(bound);
        bound.ProtocolVersion.Should().Be(WorkerProtocol.Version);
        bound.ProcessId.Should().Be(Environment.ProcessId);
        bound.Runtime.Should().StartWith(".NET");
    }

    [Fact(Timeout = 60_000)]
    public async Task Bind_HappensOnce_AndARehearsalAfterItChangesNothing()
    {
        await _worker.Client.InitializeAsync(new InitializeRequest { ProtocolVersion = WorkerProtocol.Version, SessionId = "first" }, Call);
        await _worker.Client.InitializeAsync(new InitializeRequest { ProtocolVersion = WorkerProtocol.Version, SessionId = "second", Rehearsal = true }, Call);

        var again = await _worker.Client.InitializeAsync(new InitializeRequest { ProtocolVersion = WorkerProtocol.Version, SessionId = "first" }, Call);
        var other = await FailsAsync(new InitializeRequest { ProtocolVersion = WorkerProtocol.Version, SessionId = "second" });

        again.ProtocolVersion.Should().Be(WorkerProtocol.Version);
        other.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        other.Status.Detail.Should().Be("This worker already serves another session.");
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OtherProtocolVersion_IsRefused_RehearsedOrNot(bool rehearsal)
    {
        var error = await FailsAsync(new InitializeRequest { ProtocolVersion = WorkerProtocol.Version - 1, SessionId = "s", Rehearsal = rehearsal });

        error.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        error.Status.Detail.Should().StartWith($"Protocol mismatch: supervisor speaks {WorkerProtocol.Version - 1}, worker speaks {WorkerProtocol.Version}.");
    }

    [Fact(Timeout = 60_000)]
    public async Task Bind_NamingNoSession_IsRefused()
    {
        var error = await FailsAsync(new InitializeRequest { ProtocolVersion = WorkerProtocol.Version });

        error.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        error.Status.Detail.Should().Be("Initialize names no session.");
    }

    public async Task InitializeAsync() => _worker = await StartAsync(bound: false);

    public async Task DisposeAsync() => await _worker.DisposeAsync();

    private async Task<RpcException> FailsAsync(InitializeRequest request)
    {
        var call = () => _worker.Client.InitializeAsync(request, Call).ResponseAsync;
        return (await call.Should().ThrowAsync<RpcException>()).Which;
    }
}
