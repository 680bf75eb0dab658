using System.Globalization;

namespace Cuvis.Sandbox.Bench;

/// <summary>
/// The response trailer in which a server reports the time each pipeline node took inside the
/// worker: <c>cuvis-node-micros: node=123;other=45</c> (microseconds per node).
/// </summary>
internal static class NodeTiming
{
    public const string Trailer = "cuvis-node-micros";

    /// <summary>The micros per node, or null when the value is absent or not in that form.</summary>
    public static IReadOnlyDictionary<string, long>? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var nodes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0
                || !long.TryParse(entry.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var micros)
                || !nodes.TryAdd(entry[..equals].Trim(), micros))
            {
                return null;
            }
        }

        return nodes.Count > 0 ? nodes : null;
    }

    /// <summary>The micros of <paramref name="node"/> in the trailers of a call, or null when the server sent none for it.</summary>
    public static long? Of(Grpc.Core.Metadata trailers, string node) =>
        Parse(trailers.GetValue(Trailer)) is { } nodes && nodes.TryGetValue(node, out var micros) ? micros : null;
}
