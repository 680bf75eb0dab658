using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Status = Grpc.Core.Status;

namespace Cuvis.Sandbox.Client.Tests.Infrastructure;

/// <summary>Failed calls as a server sends them: a status, and rich details in <c>grpc-status-details-bin</c>.</summary>
internal static class Rpc
{
    public static RpcException Fail(StatusCode code, string message) => new(new Status(code, message));

    /// <summary>A failure with a <c>google.rpc.BadRequest</c> of <paramref name="violations"/>, made the way the supervisor makes it.</summary>
    public static RpcException WithViolations(StatusCode code, string message, params (string Field, string Description)[] violations)
    {
        var badRequest = new BadRequest();
        foreach (var (field, description) in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        }

        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(badRequest));
        return status.ToRpcException();
    }

    /// <summary>A failure whose details trailer holds <paramref name="details"/>, as a broken or hostile server might send.</summary>
    public static RpcException WithRawDetails(StatusCode code, string message, byte[] details) =>
        new(new Status(code, message), new Metadata { { "grpc-status-details-bin", details } });
}
