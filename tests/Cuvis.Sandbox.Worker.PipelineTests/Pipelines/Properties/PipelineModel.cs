using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines.Properties;

/// <summary>
/// A pipeline document as the property tests generate it, written as block YAML or as JSON. Texts
/// that YAML could read as something else (null, numbers, '- ', ': ') are written quoted.
/// </summary>
internal sealed record PipelineModel(
    IReadOnlyDictionary<string, string>? Metadata,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<NodeModel> Nodes,
    IReadOnlyList<(string From, string To)> Connections,
    bool AsJson)
{
    public byte[] ToBytes() => AsJson ? ToJson() : Encoding.UTF8.GetBytes(ToYaml());

    public override string ToString() => Encoding.UTF8.GetString(ToBytes());

    private string ToYaml()
    {
        var root = new YamlMappingNode();
        if (Metadata is not null || Tags is not null)
        {
            var metadata = new YamlMappingNode();
            foreach (var (key, value) in Metadata ?? new Dictionary<string, string>())
            {
                metadata.Add(key, Quoted(value));
            }

            if (Tags is not null)
            {
                metadata.Add("tags", new YamlSequenceNode(Tags.Select(Quoted)));
            }

            root.Add("metadata", metadata);
        }

        root.Add("nodes", new YamlSequenceNode(Nodes.Select(node =>
        {
            var mapping = new YamlMappingNode { { "name", node.Name }, { "class", node.Class } };
            if (node.Params.Count > 0)
            {
                var parameters = new YamlMappingNode();
                foreach (var (key, value) in node.Params)
                {
                    parameters.Add(key, value.Items is { } items ? new YamlSequenceNode(items.Select(Scalar)) : Scalar(value.Text!));
                }

                mapping.Add("params", parameters);
            }

            return mapping;
        })));
        root.Add("connections", new YamlSequenceNode(Connections.Select(c => new YamlMappingNode { { "from", Quoted(c.From) }, { "to", Quoted(c.To) } })));

        var text = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(text, assignAnchors: false);
        return text.ToString();
    }

    private byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            if (Metadata is not null || Tags is not null)
            {
                json.WriteStartObject("metadata");
                foreach (var (key, value) in Metadata ?? new Dictionary<string, string>())
                {
                    json.WriteString(key, value);
                }

                if (Tags is not null)
                {
                    json.WriteStartArray("tags");
                    Tags.ToList().ForEach(json.WriteStringValue);
                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteStartArray("nodes");
            foreach (var node in Nodes)
            {
                json.WriteStartObject();
                json.WriteString("name", node.Name);
                json.WriteString("class", node.Class);
                json.WriteStartObject("params");
                foreach (var (key, value) in node.Params)
                {
                    json.WritePropertyName(key);
                    if (value.Items is { } items)
                    {
                        json.WriteStartArray();
                        items.ToList().ForEach(item => WriteJsonScalar(json, item));
                        json.WriteEndArray();
                    }
                    else
                    {
                        WriteJsonScalar(json, value.Text!);
                    }
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("connections");
            foreach (var (from, to) in Connections)
            {
                json.WriteStartObject();
                json.WriteString("from", from);
                json.WriteString("to", to);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    // Numbers go out as JSON numbers (YAML reads them as plain scalars), everything else as strings.
    private static void WriteJsonScalar(Utf8JsonWriter json, string text)
    {
        if (PipelineGenerators.IsNumber(text))
        {
            json.WriteRawValue(text);
        }
        else
        {
            json.WriteStringValue(text);
        }
    }

    private static YamlScalarNode Scalar(string text) =>
        PipelineGenerators.IsNumber(text) ? new YamlScalarNode(text) { Style = ScalarStyle.Plain } : Quoted(text);

    private static YamlScalarNode Quoted(string text) => new(text) { Style = ScalarStyle.DoubleQuoted };
}
