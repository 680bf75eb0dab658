using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Worker.Pipelines;
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
        var sent = StatusDetails.WithFirstViolationsThatFit(code, message, [.. problems.Take(MaxViolations).Select(p => p.ToViolation())], room);
        return sent is null ? new RpcException(new Status(code, message)) : sent.ToRpcException();
    }
}
