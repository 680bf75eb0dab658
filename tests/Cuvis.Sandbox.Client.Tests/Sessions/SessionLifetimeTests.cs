using Cuvis.Sandbox.Client.Tests.Infrastructure;
using Grpc.Core;
using Proto = Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Client.Tests.Sessions;

/// <summary>Creating, closing and disposing sessions: what goes to the server, and what never throws.</summary>
public class SessionLifetimeTests
{
    private readonly FakeCallInvoker _server = new();

    [Fact]
    public async Task CreateSessionAsync_ReturnsTheSessionTheServerCreated()
    {
        _server.On("CreateSession", new Proto.CreateSessionResponse { SessionId = "abc" });

        var session = await TestClients.Over(_server).CreateSessionAsync();

        session.Id.Should().Be("abc");
        session.ToString().Should().Be("abc");
    }

    [Fact]
    public async Task CreateSessionAsync_NoIdInTheAnswer_IsRefused()
    {
        _server.On("CreateSession", new Proto.CreateSessionResponse());

        var thrown = await FluentActions.Awaiting(() => TestClients.Over(_server).CreateSessionAsync()).Should().ThrowAsync<CuvisSandboxException>();

        thrown.Which.StatusCode.Should().Be(StatusCode.DataLoss);
    }

    [Fact]
    public async Task DisposeAsync_ClosesTheSessionOnce()
    {
        _server.On("CloseSession", new Proto.CloseSessionResponse { Success = true });
        var session = TestClients.Session(_server);

        await session.DisposeAsync();
        await session.DisposeAsync();

        _server.Calls.Should().ContainSingle().Which.Method.Should().Be("CloseSession");
        _server.Last.RequestAs<Proto.CloseSessionRequest>().SessionId.Should().Be(TestClients.SessionId);
    }

    [Theory]
    [InlineData(StatusCode.NotFound, "Session 6f1c2c1e-0d1f-4c51-9a55-6d1a0e2b7c11 not found")]
    [InlineData(StatusCode.Unavailable, "failed to connect")]
    [InlineData(StatusCode.DeadlineExceeded, "Deadline Exceeded")]
    [InlineData(StatusCode.Internal, "boom")]
    public async Task DisposeAsync_ServerRefusesOrIsGone_DoesNotThrow(StatusCode code, string message)
    {
        _server.On("CloseSession", Rpc.Fail(code, message));

        await FluentActions.Awaiting(() => TestClients.Session(_server).DisposeAsync().AsTask()).Should().NotThrowAsync();
    }

    [Fact]
    public async Task DisposeAsync_AccessTokenProviderFails_DoesNotThrow()
    {
        var options = new CuvisSandboxClientOptions { AccessTokenProvider = _ => throw new InvalidOperationException("no token") };

        await FluentActions.Awaiting(() => TestClients.Session(_server, options).DisposeAsync().AsTask()).Should().NotThrowAsync();
        _server.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task DisposeAsync_AfterTheClientsChannelIsDisposed_DoesNotThrow()
    {
        var client = new CuvisSandboxClient("http://127.0.0.1:9");
        var session = client.AttachSession("s");
        client.Dispose();

        await FluentActions.Awaiting(() => session.DisposeAsync().AsTask()).Should().NotThrowAsync();
    }

    [Fact]
    public async Task DisposeAsync_WaitsNoLongerThanDisposeCloseTimeout()
    {
        _server.On("CloseSession", new Proto.CloseSessionResponse { Success = true });
        var before = DateTime.UtcNow;

        await TestClients.Session(_server, new CuvisSandboxClientOptions { DisposeCloseTimeout = TimeSpan.FromSeconds(7) }).DisposeAsync();

        _server.Last.Options.Deadline.Should().BeOnOrAfter(before.AddSeconds(7)).And.BeOnOrBefore(DateTime.UtcNow.AddSeconds(7));
    }

    [Fact]
    public async Task CloseAsync_SessionAlreadyGone_CountsAsClosed()
    {
        _server.On("CloseSession", Rpc.Fail(StatusCode.NotFound, $"Session {TestClients.SessionId} not found"));
        var session = TestClients.Session(_server);

        await session.CloseAsync();
        await session.CloseAsync();

        _server.Calls.Should().ContainSingle();
    }

    [Fact]
    public async Task CloseAsync_ServerUnreachable_ThrowsAndLeavesTheSessionOpenForARetry()
    {
        _server.On("CloseSession", Rpc.Fail(StatusCode.Unavailable, "failed to connect"));
        var session = TestClients.Session(_server);

        await FluentActions.Awaiting(() => session.CloseAsync()).Should().ThrowAsync<CuvisUnavailableException>();
        _server.On("CloseSession", new Proto.CloseSessionResponse { Success = true });
        await session.CloseAsync();

        _server.Calls.Should().HaveCount(2);
    }

    [Fact]
    public async Task Calls_AfterCloseOrDispose_AreObjectDisposedWithoutReachingTheServer()
    {
        _server.On("CloseSession", new Proto.CloseSessionResponse { Success = true });
        var closed = TestClients.Session(_server);
        var disposed = TestClients.Session(_server);
        await closed.CloseAsync();
        await disposed.DisposeAsync();

        await FluentActions.Awaiting(() => closed.ListAvailableNodesAsync()).Should().ThrowAsync<ObjectDisposedException>();
        await FluentActions.Awaiting(() => disposed.InferenceAsync(new InputBatch())).Should().ThrowAsync<ObjectDisposedException>();
        _server.Calls.Should().OnlyContain(call => call.Method == "CloseSession");
    }

    [Fact]
    public void AttachSession_EmptyId_IsRefused() =>
        FluentActions.Invoking(() => TestClients.Over(_server).AttachSession("")).Should().Throw<ArgumentException>().WithParameterName("sessionId");
}
