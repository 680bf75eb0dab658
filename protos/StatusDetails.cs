using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Cuvis.Sandbox.Protos;

/// <summary>
/// Rich error details sized to travel: a <c>google.rpc.Status</c> with one <c>google.rpc.BadRequest</c>
/// holding the first field violations that fit a budget, in the order given, so violation
/// <c>i</c> is always problem <c>i</c>. Both ends use it: the worker toward the supervisor's
/// 64 KiB of metadata, the supervisor toward grpcio's 8 KiB.
/// </summary>
public static class StatusDetails
{
    /// <summary>
    /// The status with <paramref name="code"/>, <paramref name="message"/> and the longest prefix of
    /// <paramref name="violations"/> whose serialised status, base64-encoded as the
    /// <c>grpc-status-details-bin</c> trailer sends it, takes at most <paramref name="maxEncodedBytes"/>;
    /// <see langword="null"/> when not even the first violation fits (or there is none).
    /// </summary>
    /// <remarks>Sizes grow with every violation added, so a binary search finds that prefix in a few builds.</remarks>
    public static Google.Rpc.Status? WithFirstViolationsThatFit(
        StatusCode code, string message, IReadOnlyList<BadRequest.Types.FieldViolation> violations, long maxEncodedBytes)
    {
        Google.Rpc.Status? best = null;
        var (low, high) = (1, violations.Count);
        while (low <= high)
        {
            var count = low + ((high - low) / 2);
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(violations.Take(count));
            var status = new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(badRequest) } };
            if (Base64Length(status.CalculateSize()) <= maxEncodedBytes)
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

    /// <summary>The bytes <paramref name="bytes"/> binary bytes take in base64 (padded), as binary metadata is sent.</summary>
    public static long Base64Length(int bytes) => 4L * ((bytes + 2L) / 3);
}
