using YamlDotNet.RepresentationModel;

namespace Cuvis.Sandbox.Worker.Pipelines;

internal sealed partial class PipelineDocumentReader
{
    private static readonly IReadOnlyList<string> MetadataKeys = Protos.PipelineDocumentSyntax.MetadataKeys;

    private PipelineMetadata ReadMetadata(YamlNode? node)
    {
        if (node is null || YamlNodes.IsNull(node))
        {
            return PipelineMetadata.Empty;
        }

        if (node is not YamlMappingNode mapping)
        {
            _problems.Add(new(ProblemFields.Metadata, $"'metadata' must be a mapping, got {YamlNodes.Describe(node)}."));
            return PipelineMetadata.Empty;
        }

        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = YamlNodes.Text(keyNode);
            if (key is not null && MetadataKeys.Contains(key))
            {
                values[key] = value;
            }
            else
            {
                _problems.Add(new(ProblemFields.MetadataKey(key),
                    $"Unknown metadata key {YamlNodes.Describe(keyNode)}; metadata has {Quoted(MetadataKeys)}."));
            }
        }

        string Text(string key) => values.TryGetValue(key, out var value) ? MetadataText(key, value) : "";

        return new PipelineMetadata(
            Text("name"), Text("description"), Text("created"), Text("cuvis_ai_version"),
            values.TryGetValue("tags", out var tags) ? ReadTags(tags) : [], Text("author"));
    }

    private string MetadataText(string key, YamlNode value)
    {
        if (YamlNodes.IsNull(value))
        {
            return "";
        }

        if (YamlNodes.Text(value) is { } text)
        {
            return text;
        }

        _problems.Add(new(ProblemFields.MetadataKey(key), $"metadata '{key}' must be a string, got {YamlNodes.Describe(value)}."));
        return "";
    }

    private string[] ReadTags(YamlNode node)
    {
        if (YamlNodes.IsNull(node))
        {
            return [];
        }

        if (node is YamlSequenceNode sequence && sequence.Children.All(tag => YamlNodes.Text(tag) is not null))
        {
            return [.. sequence.Children.Select(tag => YamlNodes.Text(tag)!)];
        }

        _problems.Add(new(ProblemFields.MetadataKey("tags"), $"metadata 'tags' must be a list of strings, got {YamlNodes.Describe(node)}."));
        return [];
    }

    private List<NodeDocument> ReadNodes(YamlNode? node)
    {
        var nodes = new List<NodeDocument>();
        if (node is null || YamlNodes.IsNull(node))
        {
            _problems.Add(new(ProblemFields.Nodes, "'nodes' is required: a list of nodes, each with 'name', 'class' and optional 'params'."));
            return nodes;
        }

        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            _problems.Add(new(ProblemFields.Nodes, $"'nodes' must be a non-empty list of nodes, got {YamlNodes.Describe(node)}."));
            return nodes;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < sequence.Children.Count; index++)
        {
            if (ReadNode(index, sequence.Children[index], names) is { } read)
            {
                nodes.Add(read);
            }
        }

        return nodes;
    }

    private NodeDocument? ReadNode(int index, YamlNode node, HashSet<string> names)
    {
        if (node is not YamlMappingNode mapping)
        {
            _problems.Add(new(ProblemFields.Node(index), $"nodes[{index}] must be a mapping with 'name', 'class' and optional 'params', got {YamlNodes.Describe(node)}."));
            return null;
        }

        YamlNode? name = null, className = null, parameters = null;
        var unknown = new List<YamlNode>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            switch (YamlNodes.Text(keyNode))
            {
                case "name":
                    name = value;
                    break;
                case "class":
                    className = value;
                    break;
                case "params":
                    parameters = value;
                    break;
                default:
                    unknown.Add(keyNode);
                    break;
            }
        }

        var nodeName = ReadNodeName(index, name, names);
        var label = NodeDocument.LabelOf(index, nodeName);
        foreach (var key in unknown)
        {
            _problems.Add(new(ProblemFields.NodeKey(index, YamlNodes.Text(key)), $"{label}: unknown key {YamlNodes.Describe(key)}; a node has 'name', 'class' and 'params'."));
        }

        return new NodeDocument(index, nodeName, ReadClass(index, label, className), ReadParams(index, label, parameters));
    }

    private string? ReadNodeName(int index, YamlNode? node, HashSet<string> names)
    {
        var name = node is null ? null : YamlNodes.Text(node);
        if (name is null)
        {
            _problems.Add(new(ProblemFields.NodeName(index), node is null
                ? $"nodes[{index}]: 'name' is missing; every node needs a unique name."
                : $"nodes[{index}]: 'name' must be a string, got {YamlNodes.Describe(node)}."));
            return null;
        }

        if (!Identifiers.IsValid(name))
        {
            _problems.Add(new(ProblemFields.NodeName(index), $"nodes[{index}]: node name '{name}' is not an identifier (ASCII letters, digits and '_', not starting with a digit)."));
            return null;
        }

        if (!names.Add(name))
        {
            _problems.Add(new(ProblemFields.NodeName(index), $"nodes[{index}]: duplicate node name '{name}'; node names must be unique."));
            return null;
        }

        return name;
    }

    private string? ReadClass(int index, string label, YamlNode? node)
    {
        if (node is not null && YamlNodes.Text(node) is { Length: > 0 } className)
        {
            return className;
        }

        _problems.Add(new(ProblemFields.NodeClass(index), node is null
            ? $"{label}: 'class' is missing; give the node class's short or full name."
            : $"{label}: 'class' must be a class name, got {YamlNodes.Describe(node)}."));
        return null;
    }

    private YamlMappingNode ReadParams(int index, string label, YamlNode? node)
    {
        if (node is null || YamlNodes.IsNull(node))
        {
            return new YamlMappingNode();
        }

        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        _problems.Add(new(ProblemFields.NodeParams(index), $"{label}: 'params' must be a mapping of parameter names to values, got {YamlNodes.Describe(node)}."));
        return new YamlMappingNode();
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(name => $"'{name}'"));
}
