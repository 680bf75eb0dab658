using System.Text.Json;

namespace Cuvis.Sandbox.Cli.Output;

/// <summary>
/// One constructor parameter of a node class, read from the JSON Schema the server publishes for the
/// class (GetParameterSchema): the key a pipeline's <c>params</c> take, the C# type the binder names,
/// the default (as JSON text), whether it must be given, and its description.
/// </summary>
internal sealed record NodeParameter(string Name, string Type, string? Default, bool Required, string? Description)
{
    /// <summary>The parameters of a class's schema, in the schema's order.</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static IReadOnlyList<NodeParameter> FromSchema(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The parameter schema is not a JSON object.");
        }

        var required = root.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array
            ? names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        if (!root.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return [.. properties.EnumerateObject().Select(property => new NodeParameter(
            property.Name,
            Text(property.Value, "x-cuvis-type") ?? Text(property.Value, "type") ?? "any",
            property.Value.TryGetProperty("x-cuvis-default", out var spelled) && spelled.ValueKind == JsonValueKind.String ? spelled.GetString()
                : property.Value.TryGetProperty("default", out var value) ? value.GetRawText() : null,
            required.Contains(property.Name),
            Text(property.Value, "description")))];
    }

    /// <summary>How the table shows it: <c>quantile: double = 0.99</c>, or <c>window: int (required)</c>.</summary>
    public override string ToString() =>
        $"{Name}: {Type}{(Required ? " (required)" : Default is null ? "" : " = " + Default)}";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
