using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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

    private static YamlMappingNode Parse(string text, string field)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw InvalidVisualizationRequestException.Document(field,
                $"it is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}");
        }

        return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw InvalidVisualizationRequestException.Document(field, "it must be one YAML mapping with 'nodes' and 'connections'.");
    }

    private static List<PipelineGraphNode> ReadNodes(YamlMappingNode root, string field)
    {
        if (Child(root, "nodes") is not YamlSequenceNode sequence)
        {
            throw InvalidVisualizationRequestException.Document(field, "'nodes' is missing or is not a list.");
        }

        if (sequence.Children.Count > MaxNodes)
        {
            throw InvalidVisualizationRequestException.Document(field,
                $"it has {sequence.Children.Count} nodes, more than the {MaxNodes} this server draws.");
        }

        var nodes = new List<PipelineGraphNode>(sequence.Children.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var name = Scalar(sequence.Children[i], "name");
            var type = Scalar(sequence.Children[i], "class");
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

    private static List<PipelineGraphEdge> ReadConnections(YamlMappingNode root, List<PipelineGraphNode> nodes, string field)
    {
        var child = Child(root, "connections");
        if (child is null or YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        if (child is not YamlSequenceNode sequence)
        {
            throw InvalidVisualizationRequestException.Document(field, "'connections' is not a list.");
        }

        if (sequence.Children.Count > MaxConnections)
        {
            throw InvalidVisualizationRequestException.Document(field,
                $"it has {sequence.Children.Count} connections, more than the {MaxConnections} this server draws.");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            index[nodes[i].Name] = i;
        }

        var edges = new List<PipelineGraphEdge>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var (from, fromPort) = End(sequence.Children[i], "from", OutputsSeparator, index, $"connections[{i}]", field);
            var (to, toPort) = End(sequence.Children[i], "to", InputsSeparator, index, $"connections[{i}]", field);
            edges.Add(new PipelineGraphEdge(from, fromPort, to, toPort));
        }

        return edges;
    }

    private static (int Node, string Port) End(
        YamlNode connection, string key, string separator, Dictionary<string, int> index, string where, string field)
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

    private static YamlNode? Child(YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlNode node, string key) => Child(node, key) is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>Untrusted text quoted in an error message, kept short.</summary>
    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
