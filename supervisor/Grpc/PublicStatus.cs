using Cuvis.Sandbox.Protos;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Status = Grpc.Core.Status;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>
/// Every error status the public service sends is made here, sized for the strictest client we
/// serve: grpcio (Python) refuses a call whose response metadata exceeds 8 KiB and reports
/// RESOURCE_EXHAUSTED "received initial metadata size exceeds limit" instead of our status. So a
/// status takes at most <see cref="MaxStatusBytes"/> as sent. The message alone is cut to
/// <see cref="MaxMessageBytes"/> (percent-encoded), at a line where it can be. Field problems
/// travel as a <c>google.rpc.BadRequest</c> in the standard <c>grpc-status-details-bin</c>
/// trailer, whose <c>google.rpc.Status</c> repeats code and message (clients check that it does);
/// beside them the message is cut to <see cref="MaxMessageBesideDetailsBytes"/>, and the details
/// hold the first problems that fit in what is left.
/// </summary>
internal static class PublicStatus
{
    /// <summary>Most bytes of <c>grpc-message</c> and <c>grpc-status-details-bin</c> together, as sent.</summary>
    public const int MaxStatusBytes = 7 * 1024;

    /// <summary>Most bytes of <c>grpc-message</c> as sent, without details.</summary>
    public const int MaxMessageBytes = 6 * 1024;

    /// <summary>Most bytes of <c>grpc-message</c> as sent beside details, which repeat it.</summary>
    public const int MaxMessageBesideDetailsBytes = 2 * 1024;

    /// <summary>Longest field path a violation keeps.</summary>
    public const int MaxFieldChars = 256;

    /// <summary>Longest description a violation keeps.</summary>
    public const int MaxDescriptionChars = 256;

    public static RpcException Create(StatusCode code, string message, IReadOnlyList<FieldProblem>? problems = null)
    {
        if (problems is not { Count: > 0 })
        {
            return new RpcException(new Status(code, Fit(message)));
        }

        message = StatusMessages.Fit(message, MaxMessageBesideDetailsBytes);
        var detailsBudget = MaxStatusBytes - StatusMessages.EncodedLength(message);
        var badRequest = new BadRequest();
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var problem in problems)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = Cut(problem.Field, MaxFieldChars),
                Description = Cut(problem.Description, MaxDescriptionChars),
            });
            if (Base64Length(status, badRequest) > detailsBudget)
            {
                badRequest.FieldViolations.RemoveAt(badRequest.FieldViolations.Count - 1);
                break;
            }
        }

        if (badRequest.FieldViolations.Count == 0)
        {
            return new RpcException(new Status(code, message));
        }

        status.Details.Add(Any.Pack(badRequest));
        return status.ToRpcException();
    }

    /// <summary><paramref name="message"/>, or as much of it as fits in <see cref="MaxMessageBytes"/> with a note that it was cut.</summary>
    public static string Fit(string message) => StatusMessages.Fit(message, MaxMessageBytes);

    private static long Base64Length(Google.Rpc.Status status, BadRequest badRequest)
    {
        var probe = status.Clone();
        probe.Details.Add(Any.Pack(badRequest));
        return (probe.CalculateSize() + 2L) / 3 * 4;
    }

    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = char.IsHighSurrogate(text[max - 4]) ? max - 4 : max - 3;
        return text[..end] + "...";
    }
}
