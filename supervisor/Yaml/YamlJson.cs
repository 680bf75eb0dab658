using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cuvis.Sandbox.Supervisor.Yaml;

/// <summary>
/// YAML read into a JSON tree, for documents clients send (manifests) or the server keeps
/// (pipelines). Plain scalars take YAML 1.2's core types (true/false, null, integers, floats),
/// quoted ones stay strings; aliases are expanded within a value budget and a depth limit, so a
/// "billion laughs" document is refused rather than expanded.
/// </summary>
internal static class YamlJson
{
    /// <summary>The one document of <paramref name="text"/>; <paramref name="invalid"/> makes the error for each problem (a clause).</summary>
    public static JsonNode? Load(string text, int maxDepth, int maxValues, Func<string, Exception> invalid)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception e) when (e is YamlException or ArgumentException)
        {
            // YamlDotNet reports a duplicate mapping key as an ArgumentException.
            throw invalid($"not valid YAML ({e.Message.ReplaceLineEndings(" ").Trim()})");
        }

        if (stream.Documents.Count != 1)
        {
            throw invalid(stream.Documents.Count == 0 ? "the document is empty" : $"it holds {stream.Documents.Count} YAML documents; send one");
        }

        var budget = maxValues;
        return Convert(stream.Documents[0].RootNode, 1, maxDepth, maxValues, ref budget, invalid);
    }

    private static JsonNode? Convert(YamlNode node, int depth, int maxDepth, int maxValues, ref int budget, Func<string, Exception> invalid)
    {
        if (depth > maxDepth)
        {
            throw invalid($"it nests deeper than {maxDepth} levels");
        }

        if (--budget < 0)
        {
            throw invalid($"it holds more than {maxValues:N0} values once its YAML aliases are expanded");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var map = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw invalid($"a mapping key at line {key.Start.Line} is not a plain string");
                    }

                    map[name] = Convert(value, depth + 1, maxDepth, maxValues, ref budget, invalid);
                }

                return map;
            case YamlSequenceNode sequence:
                var list = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    list.Add(Convert(item, depth + 1, maxDepth, maxValues, ref budget, invalid));
                }

                return list;
            case YamlScalarNode scalar:
                return Scalar(scalar.Value ?? "", scalar.Style is ScalarStyle.Plain);
            default:
                throw invalid($"line {node.Start.Line} holds a YAML node of kind {node.NodeType}");
        }
    }

    /// <summary>YAML 1.2 core schema for a plain scalar; a quoted or block one is a string.</summary>
    public static JsonValue? Scalar(string value, bool plain)
    {
        if (!plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && char.IsAsciiDigit(value[^1]) => JsonValue.Create(real),
            _ => JsonValue.Create(value),
        };
    }
}
