using System.Globalization;
using System.Text;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Worker.Pipelines;

namespace Cuvis.Sandbox.Worker.Grpc;

/// <summary>
/// The response trailer of an Inference that says how long each node's Forward took inside the
/// worker, so a benchmark client can tell kernel time from transport: <c>normalize=5123;rx=48210</c>,
/// node names as in the pipeline document, whole microseconds, in execution order.
/// </summary>
/// <remarks>
/// Node names are identifiers (letters, digits, underscores), so neither separator can occur in one.
/// The supervisor relays every <c>cuvis-</c> trailer of a worker's Inference to the public call.
/// The value stops at <see cref="MaxLength"/> characters, since clients limit metadata (grpcio to
/// 8 KiB by default) and a pipeline may have thousands of nodes; the nodes left out are counted in
/// <see cref="OmittedKey"/>.
/// </remarks>
internal static class NodeTimesTrailer
{
    public const string Key = WorkerProtocol.NodeTimesTrailer;

    /// <summary>How many nodes did not fit; sent only when some did not.</summary>
    public const string OmittedKey = Key + "-omitted";

    /// <summary>The longest value sent, in characters (ASCII).</summary>
    public const int MaxLength = 4000;

    /// <summary>Adds the trailer (and the count of nodes that did not fit) to <paramref name="trailers"/>.</summary>
    public static void AddTo(global::Grpc.Core.Metadata trailers, IReadOnlyList<NodeTime> times)
    {
        var value = new StringBuilder();
        var written = 0;
        foreach (var time in times)
        {
            var entry = string.Create(CultureInfo.InvariantCulture, $"{time.Node}={(long)time.Elapsed.TotalMicroseconds}");
            if (value.Length + (written > 0 ? 1 : 0) + entry.Length > MaxLength)
            {
                break;
            }

            value.Append(written++ > 0 ? ";" : "").Append(entry);
        }

        trailers.Add(Key, value.ToString());
        if (written < times.Count)
        {
            trailers.Add(OmittedKey, (times.Count - written).ToString(CultureInfo.InvariantCulture));
        }
    }
}
