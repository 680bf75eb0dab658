using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// Reads a LoadPlugin manifest, JSON or YAML (cuvis-ai writes its manifests as YAML files and its
/// clients send either), into one JSON tree that <see cref="SinglePluginManifestParser"/> checks.
/// YAML plain scalars take YAML 1.2's core types (true/false, null, integers, floats), quoted ones
/// stay strings; aliases are expanded within a node budget, so a "billion laughs" document is
/// refused rather than expanded.
/// </summary>
internal static class ManifestTree
{
    /// <summary>Nesting a manifest may use; its own shape needs 5 levels.</summary>
    public const int MaxDepth = 16;

    /// <summary>Values (scalars, lists, maps) a manifest may hold once aliases are expanded.</summary>
    public const int MaxValues = 100_000;

    public static JsonNode Read(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw Invalid("manifest.config_bytes is empty");
        }

        ManifestEncoding.Check(bytes.Span, ManifestShape.SinglePlugin);
        var text = Encoding.UTF8.GetString(bytes.Span);
        return text.AsSpan().TrimStart().StartsWith("{") ? ReadJson(bytes) : ReadYaml(text);
    }

    private static JsonNode ReadJson(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return JsonNode.Parse(bytes.Span, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth })
                ?? throw Invalid("the top level is null, not an object");
        }
        catch (JsonException e)
        {
            throw Invalid($"not valid JSON ({e.Message})");
        }
    }

    private static JsonNode ReadYaml(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception e) when (e is YamlException or ArgumentException)
        {
            // YamlDotNet reports a duplicate mapping key as an ArgumentException.
            throw Invalid($"not valid YAML ({Flatten(e)})");
        }

        if (stream.Documents.Count != 1)
        {
            throw Invalid(stream.Documents.Count == 0
                ? "the document is empty; a manifest declares 'name', a source ('path' or 'repo' + 'tag') and 'capabilities'"
                : $"it holds {stream.Documents.Count} YAML documents; send one plugin per LoadPlugin call");
        }

        var budget = MaxValues;
        return Convert(stream.Documents[0].RootNode, 1, ref budget) ?? throw Invalid("the top level is null, not an object");
    }

    private static JsonNode? Convert(YamlNode node, int depth, ref int budget)
    {
        if (depth > MaxDepth)
        {
            throw Invalid($"it nests deeper than {MaxDepth} levels");
        }

        if (--budget < 0)
        {
            throw Invalid($"it holds more than {MaxValues:N0} values once its YAML aliases are expanded");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var map = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw Invalid($"a mapping key at line {key.Start.Line} is not a plain string");
                    }

                    map[name] = Convert(value, depth + 1, ref budget);
                }

                return map;
            case YamlSequenceNode sequence:
                var list = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    list.Add(Convert(item, depth + 1, ref budget));
                }

                return list;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw Invalid($"line {node.Start.Line} holds a YAML node of kind {node.NodeType}, which a manifest does not use");
        }
    }

    /// <summary>YAML 1.2 core schema for plain scalars; quoted and block scalars are strings.</summary>
    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
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

    private static string Flatten(Exception e) => e.Message.ReplaceLineEndings(" ").Trim();

    private static InvalidManifestException Invalid(string problem) => new(problem, shape: ManifestShape.SinglePlugin);
}
