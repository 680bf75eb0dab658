using Cuvis.Sandbox.Cli.Connection;
using Cuvis.Sandbox.Cli.Errors;
using Cuvis.Sandbox.Client;
using Grpc.Core;

namespace Cuvis.Sandbox.Cli.Tests.Errors;

public class CliErrorTests
{
    public static TheoryData<Exception, int, string> Cases => new()
    {
        { new CuvisInvalidRequestException("bad pipeline", [new FieldViolation("nodes[1].class", "unknown")]), 2, "invalid_request" },
        { new CuvisFailedPreconditionException("no pipeline"), 2, "failed_precondition" },
        { new CuvisNotFoundException("no plugin"), 2, "not_found" },
        { new CuvisSandboxException(StatusCode.Internal, "node rx threw"), 2, "failed" },
        { new CuvisUnauthenticatedException("who are you"), 2, "denied" },
        { new CuvisUnavailableException("worker died"), 3, "unavailable" },
        { new CuvisResourceExhaustedException("session limit"), 3, "resource_exhausted" },
        { new CuvisDeadlineExceededException("too slow"), 3, "deadline_exceeded" },
        { CliException.LocalFile("a.npy", "broken"), 4, "local_file" },
        { new OperationCanceledException(), 130, "interrupted" },
        { new InvalidOperationException("oops"), 5, "internal" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void From_EachFailure_HasItsDocumentedExitCodeAndKind(Exception exception, int exitCode, string kind)
    {
        var error = CliError.From(exception, "http://127.0.0.1:50051");

        (error.ExitCode, error.Kind).Should().Be((exitCode, kind));
        ExitCodes.All.Select(c => c.Code).Should().Contain(exitCode);
    }

    [Fact]
    public void From_AnInvalidRequest_KeepsTheServersMessageAndItsFields()
    {
        var error = CliError.From(new CuvisInvalidRequestException("Pipeline is invalid", [new FieldViolation("nodes[1].class", "unknown class 'Nope'")]), "");

        error.Message.Should().Be("Pipeline is invalid");
        error.Status.Should().Be("INVALID_ARGUMENT");
        error.FieldViolations.Should().Equal(new FieldViolation("nodes[1].class", "unknown class 'Nope'"));
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, "INVALID_ARGUMENT")]
    [InlineData(StatusCode.OK, "OK")]
    [InlineData(StatusCode.DeadlineExceeded, "DEADLINE_EXCEEDED")]
    public void StatusName_IsGrpcsOwn(StatusCode code, string name) => CliError.StatusName(code).Should().Be(name);

    [Fact]
    public void NodeTimings_AreReadFromTheTrailer_InOrder_SkippingWhatIsMalformed() =>
        NodeTimingsCapture.Parse("input=35; rx=81518;bad;x=-1;decide=7").Should()
            .Equal(new NodeTiming("input", 35), new NodeTiming("rx", 81518), new NodeTiming("decide", 7));
}
