using Cuvis.Sandbox.Client.Tests.Infrastructure;
using Grpc.Core;
using Proto = Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Client.Tests.Errors;

/// <summary>Failed calls through the public API, so the real translation is what is tested.</summary>
public class RpcExceptionTranslationTests
{
    private readonly FakeCallInvoker _server = new();

    [Fact]
    public async Task SessionCall_NotFoundAboutTheSession_IsSessionNotFoundWithItsId()
    {
        var failure = Rpc.Fail(StatusCode.NotFound, $"Session {TestClients.SessionId} not found");
        _server.Respond = _ => failure;

        var thrown = await FluentActions.Awaiting(() => CreateSut().ListAvailableNodesAsync()).Should().ThrowAsync<CuvisSessionNotFoundException>();

        thrown.Which.SessionId.Should().Be(TestClients.SessionId);
        thrown.Which.Message.Should().Be($"Session {TestClients.SessionId} not found");
        thrown.Which.StatusCode.Should().Be(StatusCode.NotFound);
        thrown.Which.InnerException.Should().BeSameAs(failure);
        thrown.Which.RpcException.Should().BeSameAs(failure);
    }

    [Fact]
    public async Task SessionCall_NotFoundBecauseItExpired_IsSessionNotFound()
    {
        _server.Respond = _ => Rpc.Fail(StatusCode.NotFound, $"Session {TestClients.SessionId} not found: it expired after 1 h idle (Sessions:IdleTimeout)");

        await FluentActions.Awaiting(() => CreateSut().GetPipelineInputsAsync()).Should().ThrowAsync<CuvisSessionNotFoundException>()
            .WithMessage("*expired after 1 h idle*");
    }

    [Fact]
    public async Task GetPluginInfo_PluginNotLoaded_IsNotFoundButNotSessionNotFound()
    {
        _server.Respond = _ => Rpc.Fail(StatusCode.NotFound, $"Plugin 'nope' is not loaded in session {TestClients.SessionId}.");

        var thrown = await FluentActions.Awaiting(() => CreateSut().GetPluginInfoAsync("nope")).Should().ThrowAsync<CuvisNotFoundException>();

        thrown.Which.Should().NotBeOfType<CuvisSessionNotFoundException>();
        thrown.Which.Message.Should().StartWith("Plugin 'nope' is not loaded");
    }

    [Fact]
    public async Task ServerWideCall_NotFound_IsNotFoundWithoutASession()
    {
        _server.Respond = _ => Rpc.Fail(StatusCode.NotFound, "Session x not found");

        var thrown = await FluentActions.Awaiting(() => TestClients.Over(_server).ClearPluginCacheAsync()).Should().ThrowAsync<CuvisNotFoundException>();

        thrown.Which.Should().NotBeOfType<CuvisSessionNotFoundException>();
    }

    [Fact]
    public async Task InvalidArgument_WithBadRequestDetails_ExposesEveryFieldViolation()
    {
        _server.Respond = _ => Rpc.WithViolations(StatusCode.InvalidArgument, "Invalid plugin manifest: plugin \"dup\" is listed twice.",
            ("plugins.dup", "Plugin \"dup\" is listed twice."), ("manifest.config_bytes", "Second problem."));

        var thrown = await FluentActions.Awaiting(() => CreateSut().LoadPluginsAsync(new PluginManifest()))
            .Should().ThrowAsync<CuvisInvalidRequestException>();

        thrown.Which.Message.Should().Be("Invalid plugin manifest: plugin \"dup\" is listed twice.");
        thrown.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        thrown.Which.FieldViolations.Should().Equal(
            new FieldViolation("plugins.dup", "Plugin \"dup\" is listed twice."), new FieldViolation("manifest.config_bytes", "Second problem."));
    }

    [Fact]
    public async Task InvalidArgument_WithoutDetails_HasNoFieldViolations()
    {
        _server.Respond = _ => Rpc.Fail(StatusCode.InvalidArgument, "Pipeline invalid:\n- node 'x': unknown class 'Nope'");

        var thrown = await FluentActions.Awaiting(() => CreateSut().LoadPipelineAsync("nodes: []")).Should().ThrowAsync<CuvisInvalidRequestException>();

        thrown.Which.FieldViolations.Should().BeEmpty();
        thrown.Which.Message.Should().Contain("unknown class 'Nope'");
    }

    [Fact]
    public async Task InvalidArgument_WithUnreadableDetails_KeepsTheStatusAndHasNoFieldViolations()
    {
        _server.Respond = _ => Rpc.WithRawDetails(StatusCode.InvalidArgument, "bad tensor", [0xFF, 0xFF, 0xFF]);

        var thrown = await FluentActions.Awaiting(() => CreateSut().GetPipelineOutputsAsync()).Should().ThrowAsync<CuvisInvalidRequestException>();

        thrown.Which.Message.Should().Be("bad tensor");
        thrown.Which.FieldViolations.Should().BeEmpty();
    }

    [Theory]
    [InlineData(StatusCode.FailedPrecondition, typeof(CuvisFailedPreconditionException))]
    [InlineData(StatusCode.Unavailable, typeof(CuvisUnavailableException))]
    [InlineData(StatusCode.ResourceExhausted, typeof(CuvisResourceExhaustedException))]
    [InlineData(StatusCode.DeadlineExceeded, typeof(CuvisDeadlineExceededException))]
    [InlineData(StatusCode.Internal, typeof(CuvisSandboxException))]
    [InlineData(StatusCode.Aborted, typeof(CuvisSandboxException))]
    [InlineData(StatusCode.PermissionDenied, typeof(CuvisPermissionDeniedException))]
    [InlineData(StatusCode.Unauthenticated, typeof(CuvisUnauthenticatedException))]
    [InlineData(StatusCode.Cancelled, typeof(CuvisSandboxException))]
    public async Task Failure_EachStatusCode_IsItsExceptionTypeWithTheServersMessage(StatusCode code, Type expected)
    {
        _server.Respond = _ => Rpc.Fail(code, "what the server said");

        var thrown = await FluentActions.Awaiting(() => CreateSut().InferenceAsync(new InputBatch())).Should().ThrowAsync<CuvisSandboxException>();

        thrown.Which.Should().BeOfType(expected);
        thrown.Which.StatusCode.Should().Be(code);
        thrown.Which.Message.Should().Be("what the server said");
        thrown.Which.RpcException!.StatusCode.Should().Be(code);
    }

    [Fact]
    public async Task Failure_WithoutAMessage_SaysWhichStatus()
    {
        _server.Respond = _ => Rpc.Fail(StatusCode.Unavailable, "");

        await FluentActions.Awaiting(() => CreateSut().ListLoadedPluginsAsync()).Should().ThrowAsync<CuvisUnavailableException>()
            .WithMessage("The call failed with status Unavailable and no message.");
    }

    [Fact]
    public async Task Cancelled_ByTheCallersToken_IsOperationCanceledWithThatToken()
    {
        using var cancel = new CancellationTokenSource();
        _server.Respond = _ =>
        {
            cancel.Cancel();
            return Rpc.Fail(StatusCode.Cancelled, "Call canceled by the client.");
        };

        var thrown = await FluentActions.Awaiting(() => CreateSut().ListAvailableNodesAsync(cancel.Token)).Should().ThrowAsync<OperationCanceledException>();

        thrown.Which.CancellationToken.Should().Be(cancel.Token);
        thrown.Which.InnerException.Should().BeOfType<RpcException>();
    }

    [Fact]
    public async Task CreateSession_SessionLimitReached_IsResourceExhausted()
    {
        _server.On("CreateSession", _ => Rpc.Fail(StatusCode.ResourceExhausted, "Session limit reached (Sessions:MaxSessions = 2)."));

        await FluentActions.Awaiting(() => TestClients.Over(_server).CreateSessionAsync()).Should().ThrowAsync<CuvisResourceExhaustedException>()
            .WithMessage("Session limit reached*");
        _server.Last.RequestAs<Proto.CreateSessionRequest>().Should().NotBeNull();
    }

    private CuvisSession CreateSut() => TestClients.Session(_server);
}
