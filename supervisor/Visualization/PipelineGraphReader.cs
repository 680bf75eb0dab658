using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cuvis.Sandbox.Supervisor.Yaml;

namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>
/// Reads the nodes and connections of a pipeline document (untrusted YAML or JSON) for drawing,
/// within limits on its size and its node and connection counts, so a drawing stays small
/// whatever is sent. Only what a drawing needs is checked: the worker validates the rest at LoadPipeline.
/// </summary>
internal static class PipelineGraphReader
{
    /// <summary>The largest document read: 1 MiB.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    /// <summary>The most nodes drawn: 500.</summary>
    public const int MaxNodes = 500;

    /// <summary>The most connections drawn: 2000.</summary>
    public const int MaxConnections = 2000;

    // More nesting and values than a 1 MiB document holds without aliases; past them, aliases are expanding it.
    private const int MaxDepth = 64;
    private const int MaxValues = 1 << 20;

    private const string OutputsSeparator = ".outputs.";
    private const string InputsSeparator = ".inputs.";

    /// <summary>The graph of <paramref name="document"/>; <paramref name="field"/> names the request field it came in.</summary>
    /// <exception cref="InvalidVisualizationRequestException">The document is malformed or too large.</exception>
    public static PipelineGraph Read(ReadOnlySpan<byte> document, string field)
    {
        if (document.Length > MaxDocumentBytes)
        {
            throw InvalidVisualizationRequestException.Document(field,
                $"it is {document.Length} bytes, more than the {MaxDocumentBytes} this server draws.");
        }

        var root = Parse(Encoding.UTF8.GetString(document), field);
        var nodes = ReadNodes(root, field);
        var edges = ReadConnections(root, nodes, field);
        return new PipelineGraph(nodes, edges);
    }

    private static JsonObject Parse(string text, string field) =>
        YamlJson.Load(text, MaxDepth, MaxValues, problem => InvalidVisualizationRequestException.Document(field, problem + "."))
            as JsonObject
        ?? throw InvalidVisualizationRequestException.Document(field, "it must be one YAML mapping with 'nodes' and 'connections'.");

    private static List<PipelineGraphNode> ReadNodes(JsonObject root, string field)
    {
        if (root["nodes"] is not JsonArray sequence)
        {
            throw InvalidVisualizationRequestException.Document(field, "'nodes' is missing or is not a list.");
        }

        if (sequence.Count > MaxNodes)
        {
            throw InvalidVisualizationRequestException.Document(field,
                $"it has {sequence.Count} nodes, more than the {MaxNodes} this server draws.");
        }

        var nodes = new List<PipelineGraphNode>(sequence.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Count; i++)
        {
            var name = Scalar(sequence[i], "name");
            var type = Scalar(sequence[i], "class");
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(type))
            {
                throw InvalidVisualizationRequestException.Document(field, $"nodes[{i}] needs a 'name' and a 'class', both strings.");
            }

            if (!names.Add(name))
            {
                throw InvalidVisualizationRequestException.Document(field, $"nodes[{i}] repeats the node name '{Clip(name)}'.");
            }

            nodes.Add(new PipelineGraphNode(name, type));
        }

        return nodes;
    }

    private static List<PipelineGraphEdge> ReadConnections(JsonObject root, List<PipelineGraphNode> nodes, string field)
    {
        var child = root["connections"];
        if (child is null || (child is JsonValue empty && empty.GetValueKind() == JsonValueKind.String && empty.GetValue<string>().Length == 0))
        {
            return [];
        }

        if (child is not JsonArray sequence)
        {
            throw InvalidVisualizationRequestException.Document(field, "'connections' is not a list.");
        }

        if (sequence.Count > MaxConnections)
        {
            throw InvalidVisualizationRequestException.Document(field,
                $"it has {sequence.Count} connections, more than the {MaxConnections} this server draws.");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            index[nodes[i].Name] = i;
        }

        var edges = new List<PipelineGraphEdge>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            var (from, fromPort) = End(sequence[i], "from", OutputsSeparator, index, $"connections[{i}]", field);
            var (to, toPort) = End(sequence[i], "to", InputsSeparator, index, $"connections[{i}]", field);
            edges.Add(new PipelineGraphEdge(from, fromPort, to, toPort));
        }

        return edges;
    }

    private static (int Node, string Port) End(
        JsonNode? connection, string key, string separator, Dictionary<string, int> index, string where, string field)
    {
        var end = Scalar(connection, key);
        var at = end?.LastIndexOf(separator, StringComparison.Ordinal) ?? -1;
        if (end is null || at <= 0 || at + separator.Length == end.Length)
        {
            throw InvalidVisualizationRequestException.Document(field,
                $"{where}.{key} must read '<node>{separator}<port>'.");
        }

        var node = end[..at];
        return index.TryGetValue(node, out var i)
            ? (i, end[(at + separator.Length)..])
            : throw InvalidVisualizationRequestException.Document(field, $"{where}.{key} names the node '{Clip(node)}', which 'nodes' does not list.");
    }

    /// <summary>The scalar at <paramref name="key"/> as written (a plain 1 or true is text here too); null when it is missing or not a scalar.</summary>
    private static string? Scalar(JsonNode? node, string key) =>
        node is JsonObject mapping && mapping[key] is JsonValue value
            ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
            : null;

    /// <summary>Untrusted text quoted in an error message, kept short.</summary>
    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
