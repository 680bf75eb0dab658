using Cuvis.Sandbox.Supervisor.Grpc;
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
        ];

        using var scope = new FluentAssertions.Execution.AssertionScope();
        foreach (var (exception, code) in mappings)
        {
            DomainExceptionInterceptor.ToStatusCode(exception).Should().Be(code, exception.GetType().Name);
        }
    }

    [Fact]
    public void SessionNotFound_MessageIsTheWireContractsText() =>
        new SessionNotFoundException("abc").Message.Should().Be("Session abc not found");

    [Fact]
    public void SessionExpired_MessageSaysNotFound_AndHowLongItWasIdle() =>
        new SessionExpiredException("abc", TimeSpan.FromMinutes(90)).Message.Should()
            .StartWith("Session abc not found: it expired after 90 minutes idle").And.Contain("Sessions:IdleTimeout");

    [Fact]
    public void SessionLimitReached_MessageNamesTheLimitAndTheSetting() =>
        new SessionLimitReachedException(7).Message.Should().Contain("at most 7").And.Contain("Sessions:MaxSessions");
}
