using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Worker.Pipelines;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Cuvis.Sandbox.Worker.Grpc;

/// <summary>
/// A status with field problems, sent the standard way: beside the message, the
/// <c>grpc-status-details-bin</c> trailer holds a <c>google.rpc.Status</c> with the same code and
/// message and one <c>google.rpc.BadRequest</c> detail, whose field violations are the problems in
/// message order, each description that problem's sentence of the message, verbatim.
/// </summary>
/// <remarks>
/// The details repeat the message, and every violation a part of it, so they take over twice the
/// message's size again. A status's trailers must reach the supervisor whole: its channel takes
/// 64 KiB of them (SocketsHttpHandler's MaxResponseHeadersLength default), and a call whose
/// trailers do not fit fails there as UNAVAILABLE, as if the worker were gone. So violation
/// <c>i</c> is always problem <c>i</c>, and all of them are sent (at most
/// <see cref="MaxViolations"/>) while the message and details fit <see cref="MaxTrailerBytes"/>;
/// past that, only the first ones that fit, and none (no details trailer) when the message alone
/// leaves no room. Short problems fit by the hundred; a hundred unknown classes, each listing the
/// available ones, do not.
/// </remarks>
internal static class BadRequestStatus
{
    /// <summary>As many as a rejected document lists, so its violations and its message agree.</summary>
    public const int MaxViolations = PipelineProblems.MaxListed;

    /// <summary>What the message (percent-encoded) and the details (base64) may take together, leaving room for the rest.</summary>
    public const int MaxTrailerBytes = 48 * 1024;

    public static RpcException ToRpcException(StatusCode code, string message, IReadOnlyList<PipelineProblem> problems)
    {
        var room = MaxTrailerBytes - StatusMessages.EncodedLength(message);
        var sent = LongestFittingPrefix(code, message, problems.Take(MaxViolations).ToList(), room);
        return sent is null ? new RpcException(new Status(code, message)) : sent.ToRpcException();
    }

    // Sizes grow with every violation added: a binary search finds the longest prefix in a few builds.
    private static Google.Rpc.Status? LongestFittingPrefix(StatusCode code, string message, List<PipelineProblem> problems, int room)
    {
        Google.Rpc.Status? best = null;
        var (low, high) = (1, problems.Count);
        while (low <= high)
        {
            var count = low + ((high - low) / 2);
            var status = new Google.Rpc.Status
            {
                Code = (int)code,
                Message = message,
                Details = { Any.Pack(problems.Take(count).ToBadRequest()) },
            };
            if (Base64Length(status.CalculateSize()) <= room)
            {
                (best, low) = (status, count + 1);
            }
            else
            {
                high = count - 1;
            }
        }

        return best;
    }

    private static long Base64Length(int bytes) => 4L * ((bytes + 2L) / 3);
}
