using System.Globalization;
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
/// </remarks>
internal static class NodeTimesTrailer
{
    public const string Key = WorkerProtocol.RelayedTrailerPrefix + "node-micros";

    public static string Format(IEnumerable<NodeTime> times) =>
        string.Join(';', times.Select(time => string.Create(CultureInfo.InvariantCulture, $"{time.Node}={(long)time.Elapsed.TotalMicroseconds}")));
}
