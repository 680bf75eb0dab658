using Cuvis.Sandbox.Protos;
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
        var violations = problems.Select(problem => new BadRequest.Types.FieldViolation
        {
            Field = Cut(problem.Field, MaxFieldChars),
            Description = Cut(problem.Description, MaxDescriptionChars),
        }).ToArray();
        var status = StatusDetails.WithFirstViolationsThatFit(code, message, violations, MaxStatusBytes - StatusMessages.EncodedLength(message));
        return status is null ? new RpcException(new Status(code, message)) : status.ToRpcException();
    }

    /// <summary><paramref name="message"/>, or as much of it as fits in <see cref="MaxMessageBytes"/> with a note that it was cut.</summary>
    public static string Fit(string message) => StatusMessages.Fit(message, MaxMessageBytes);

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
