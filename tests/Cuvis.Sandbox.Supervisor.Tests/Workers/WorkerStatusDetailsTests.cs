using Cuvis.Sandbox.Supervisor.Workers;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers;

/// <summary>A worker runs plugin code: the details it attaches are read as untrusted data.</summary>
public sealed class WorkerStatusDetailsTests
{
    [Fact]
    public void BadRequestOfTheSameCode_GivesItsViolationsInOrder()
    {
        var error = WorkerError(StatusCode.InvalidArgument, Violations(("nodes[0].class", "unknown class"), ("connections[0].to", "unknown node")));

        WorkerStatusDetails.FieldProblems(error).Should().Equal(
            new FieldProblem("nodes[0].class", "unknown class"), new FieldProblem("connections[0].to", "unknown node"));
    }

    [Fact]
    public void DetailsNamingAnotherCode_AreDropped() =>
        WorkerStatusDetails.FieldProblems(WorkerError(StatusCode.InvalidArgument, Violations(("a", "b")), code: StatusCode.Internal))
            .Should().BeEmpty();

    [Fact]
    public void DetailsThatAreNotAStatus_AreDropped()
    {
        var error = new RpcException(new global::Grpc.Core.Status(StatusCode.InvalidArgument, "bad"),
            new Metadata { { "grpc-status-details-bin", new byte[] { 0xFF, 0xFF, 0xFF } } });

        WorkerStatusDetails.FieldProblems(error).Should().BeEmpty();
    }

    [Fact]
    public void OtherDetailTypes_AndABadRequestThatCannotBeRead_AreSkipped()
    {
        var status = new Google.Rpc.Status { Code = (int)StatusCode.InvalidArgument, Message = "bad" };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = "X" }));
        status.Details.Add(new Any { TypeUrl = "type.googleapis.com/google.rpc.BadRequest", Value = ByteString.CopyFrom(0xFF, 0xFF) });
        status.Details.Add(Any.Pack(Violations(("nodes[1]", "duplicate"))));

        WorkerStatusDetails.FieldProblems(status.ToRpcException()).Should().Equal(new FieldProblem("nodes[1]", "duplicate"));
    }

    [Fact]
    public void AFloodOfViolations_IsCappedAndEachIsBounded()
    {
        var flood = Violations([.. Enumerable.Range(0, 1000).Select(i => ($"f{i}", new string('x', 100_000)))]);

        var problems = WorkerStatusDetails.FieldProblems(WorkerError(StatusCode.InvalidArgument, flood));

        problems.Should().HaveCount(WorkerStatusDetails.MaxProblems);
        problems.Should().AllSatisfy(p => p.Description.Length.Should().BeLessThan(WorkerText.MaxLength + 100));
    }

    [Fact]
    public void NoDetails_GivesNoProblems() =>
        WorkerStatusDetails.FieldProblems(new RpcException(new global::Grpc.Core.Status(StatusCode.Internal, "node threw"))).Should().BeEmpty();

    private static BadRequest Violations(params (string Field, string Description)[] violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.Add(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return badRequest;
    }

    private static RpcException WorkerError(StatusCode statusCode, BadRequest badRequest, StatusCode? code = null)
    {
        var status = new Google.Rpc.Status { Code = (int)(code ?? statusCode), Message = "bad" };
        status.Details.Add(Any.Pack(badRequest));
        var trailers = new Metadata { { "grpc-status-details-bin", status.ToByteArray() } };
        return new RpcException(new global::Grpc.Core.Status(statusCode, "bad"), trailers);
    }
}
