using Cuvis.Sandbox.Supervisor.Grpc;
using Cuvis.Sandbox.Supervisor.Hosting;
using Cuvis.Sandbox.Supervisor.Sessions;
using Cuvis.Sandbox.Supervisor.Workers;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Tests.Grpc;

public sealed class DomainExceptionInterceptorTests
{
    [Fact]
    public void ToStatusCode_MapsEachDomainException()
    {
        (SandboxException Exception, StatusCode Code)[] mappings =
        [
            (new SessionNotFoundException("x"), StatusCode.NotFound),
            (new SessionLimitReachedException(3), StatusCode.ResourceExhausted),
            (new ServerShuttingDownException(), StatusCode.Unavailable),
            (new WorkerStartException("x"), StatusCode.Unavailable),
            (new WorkerUnavailableException("x"), StatusCode.Unavailable),
            (new WorkerCallTimeoutException("x"), StatusCode.DeadlineExceeded),
            (new SessionExpiredException("x", TimeSpan.FromMinutes(60)), StatusCode.NotFound),
            (new SessionFailedException("x"), StatusCode.FailedPrecondition),
            (new WorkerStatusException(StatusCode.InvalidArgument, "x"), StatusCode.InvalidArgument),
            (new WorkerStatusException(StatusCode.Internal, "x"), StatusCode.Internal),
            (new MessageTooLargeException(2L << 30, 1L << 30), StatusCode.ResourceExhausted),
            (new MalformedRequestException("x"), StatusCode.InvalidArgument),
        ];

        using var scope = new FluentAssertions.Execution.AssertionScope();
        foreach (var (exception, code) in mappings)
        {
            DomainExceptionInterceptor.ToStatusCode(exception).Should().Be(code, exception.GetType().Name);
        }
    }

    [Fact]
    public void SessionNotFound_MessageIsTheWireContractsText() =>
        new SessionNotFoundException("0b8c2b1e-8a57-4f5e-9d3b-2a8f4c1d9e77").Message.Should().Be("Session 0b8c2b1e-8a57-4f5e-9d3b-2a8f4c1d9e77 not found");

    [Theory]
    [InlineData("abc", "Session 'abc' not found: session ids are the UUIDs CreateSession returns")]
    [InlineData("", "Session '' not found: session ids are the UUIDs CreateSession returns")]
    [InlineData("a\nb\u001b[31m", "Session 'a?b?[31m' not found: session ids are the UUIDs CreateSession returns")]
    [InlineData("0B8C2B1E-8A57-4F5E-9D3B-2A8F4C1D9E77", "Session '0B8C2B1E-8A57-4F5E-9D3B-2A8F4C1D9E77' not found: session ids are the UUIDs CreateSession returns")]
    public void SessionNotFound_IdOfAnotherForm_IsQuotedWithoutControlCharactersAndNamedAsSuch(string id, string message) =>
        new SessionNotFoundException(id).Message.Should().Be(message);

    [Fact]
    public void SessionNotFound_HugeId_IsCutSoTheStatusHeaderStaysSmall() =>
        new SessionNotFoundException(new string('x', 2_000_000)).Message.Should()
            .Be($"Session '{new string('x', 64)}...' (2,000,000 characters) not found: session ids are the UUIDs CreateSession returns");

    [Fact]
    public void SessionExpired_MessageSaysNotFound_AndHowLongItWasIdle() =>
        new SessionExpiredException("abc", TimeSpan.FromMinutes(90)).Message.Should()
            .StartWith("Session abc not found: it expired after 90 minutes idle").And.Contain("Sessions:IdleTimeout");

    [Fact]
    public void SessionLimitReached_MessageNamesTheLimitAndTheSetting() =>
        new SessionLimitReachedException(7).Message.Should().Contain("at most 7").And.Contain("Sessions:MaxSessions");
}
