using System.Text.Json.Nodes;
using Cuvis.Sandbox.Supervisor.Yaml;

namespace Cuvis.Sandbox.Supervisor.PipelineLibrary;

/// <summary>
/// ResolveConfig's dotted overrides, <c>path=value</c>: <c>nodes.&lt;name&gt;.params.threshold=0.9</c>
/// addresses a node by its name in the <c>nodes</c> list, a number addresses a list item
/// (<c>connections.0.to=...</c>), any other segment a mapping key (a missing one is created as
/// a mapping, as OmegaConf does). The value is YAML (<c>0.9</c>, <c>true</c>, <c>"text"</c>, <c>[1, 2]</c>).
/// </summary>
internal static class PipelineOverrides
{
    public static void Apply(JsonObject document, IReadOnlyList<string> overrides)
    {
        for (var i = 0; i < overrides.Count; i++)
        {
            Apply(document, overrides[i], $"overrides[{i}]");
        }
    }

    private static void Apply(JsonObject document, string text, string field)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var path = equals < 0 ? [] : text[..equals].Trim().Split('.');
        if (equals < 0 || path.Any(p => p.Length == 0))
        {
            throw Invalid($"'{text}' is not 'dotted.path=value', such as nodes.rx.params.threshold=0.9", field);
        }

        var value = YamlJson.Load(text[(equals + 1)..].Trim() is { Length: > 0 } v ? v : "null", 8, 10_000,
            problem => Invalid($"the value of '{text}' is not YAML: {problem}", field));
        JsonNode parent = document;
        for (var i = 0; i < path.Length - 1; i++)
        {
            parent = Step(parent, path, i, text, field) ?? throw Invalid($"'{string.Join('.', path[..(i + 1)])}' of '{text}' is null; only mappings and lists can be stepped into", field);
        }

        var last = path[^1];
        switch (parent)
        {
            case JsonObject map:
                map[last] = value;
                break;
            case JsonArray list when int.TryParse(last, out var index) && index >= 0 && index < list.Count:
                list[index] = value;
                break;
            default:
                throw Invalid($"'{text}' sets '{last}' in {Describe(parent)}, which has no such entry", field);
        }
    }

    private static JsonNode? Step(JsonNode node, string[] path, int i, string text, string field)
    {
        var segment = path[i];
        if (node is JsonArray list)
        {
            if (int.TryParse(segment, out var index))
            {
                return index >= 0 && index < list.Count ? list[index] : throw Invalid($"'{text}' indexes item {index} of a list of {list.Count}", field);
            }

            // A node by its name: nodes.<name>.
            return list.OfType<JsonObject>().FirstOrDefault(n => n["name"] is JsonValue name && name.ToString() == segment)
                ?? throw Invalid($"'{text}' names '{segment}', but no entry of '{string.Join('.', path[..i])}' has that name; the names are "
                    + string.Join(", ", list.OfType<JsonObject>().Select(n => n["name"]?.ToString()).Where(n => n is not null)), field);
        }

        if (node is JsonObject map)
        {
            if (!map.TryGetPropertyValue(segment, out var child))
            {
                // As OmegaConf's dotted overrides do: a missing key of a mapping becomes a mapping.
                child = new JsonObject();
                map[segment] = child;
            }

            return child;
        }

        throw Invalid($"'{text}' steps into '{segment}' of {Describe(node)}", field);
    }

    private static string Describe(JsonNode node) => node switch
    {
        JsonObject => "a mapping",
        JsonArray => "a list",
        _ => "a single value",
    };

    private static InvalidPipelineLibraryRequestException Invalid(string problem, string field) => new(problem, field);
}
