using System.Text;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Status = Grpc.Core.Status;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>
/// Every error status the public service sends is made here, sized for the strictest client we
/// serve: grpcio (Python) refuses a call whose response metadata exceeds 8 KiB and reports
/// RESOURCE_EXHAUSTED "received initial metadata size exceeds limit" instead of our status. So the
/// message is cut to <see cref="MaxMessageBytes"/> as sent (percent-encoded), at a line where it
/// can be; and field problems travel as a <c>google.rpc.BadRequest</c> in the standard
/// <c>grpc-status-details-bin</c> trailer (whose <c>google.rpc.Status</c> repeats code and message,
/// as clients check), holding the first problems that fit in <see cref="MaxDetailsBytes"/>.
/// </summary>
internal static class PublicStatus
{
    /// <summary>Most bytes of <c>grpc-message</c> as sent.</summary>
    public const int MaxMessageBytes = 3 * 1024;

    /// <summary>Most bytes of <c>grpc-status-details-bin</c> as sent (base64).</summary>
    public const int MaxDetailsBytes = 4 * 1024;

    /// <summary>Longest field path and description a violation keeps.</summary>
    public const int MaxFieldChars = 256;

    public const int MaxDescriptionChars = 512;

    public static RpcException Create(StatusCode code, string message, IReadOnlyList<FieldProblem>? problems = null)
    {
        message = Fit(message);
        if (problems is not { Count: > 0 })
        {
            return new RpcException(new Status(code, message));
        }

        var badRequest = new BadRequest();
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var problem in problems)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = Cut(problem.Field, MaxFieldChars),
                Description = Cut(problem.Description, MaxDescriptionChars),
            });
            if (Base64Length(status, badRequest) > MaxDetailsBytes)
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
    public static string Fit(string message)
    {
        if (EncodedLength(message) <= MaxMessageBytes)
        {
            return message;
        }

        var note = $"\n... (cut here: the whole message is {message.Length} characters, more than gRPC clients accept in a status)";
        var budget = MaxMessageBytes - EncodedLength(note);
        var kept = new StringBuilder();
        var used = 0;
        foreach (var rune in message.EnumerateRunes())
        {
            var cost = EncodedLength(rune);
            if (used + cost > budget)
            {
                break;
            }

            kept.Append(rune.ToString());
            used += cost;
        }

        // End at a line break when one is near, so a list of problems is cut between problems.
        var text = kept.ToString();
        var line = text.LastIndexOf('\n');
        if (line > text.Length / 2)
        {
            text = text[..line];
        }

        return text + note;
    }

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

    private static int EncodedLength(string text)
    {
        var length = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            length += EncodedLength(rune);
        }

        return length;
    }

    /// <summary>grpc-message is percent-encoded: printable ASCII but '%' as is, every other UTF-8 byte as %XX.</summary>
    private static int EncodedLength(Rune rune) =>
        rune.Value is >= 0x20 and <= 0x7E && rune.Value != '%' ? 1 : 3 * rune.Utf8SequenceLength;
}
