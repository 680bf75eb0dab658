using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Pipelines;

namespace Cuvis.Sandbox.Worker.Schemas;

/// <summary>
/// The JSON Schema of a node class's constructor parameters, as <see cref="NodeParameterBinder"/>
/// binds them: a property per parameter under the key <see cref="ParameterNames"/> gives it (its
/// C# name in <c>x-cuvis-parameter</c> when that differs), its values (<see cref="ParameterTypeSchema"/>),
/// its C# type as the binder's messages name it (<c>x-cuvis-type</c>), its <c>default</c>, and
/// the text of a <see cref="DescriptionAttribute"/> on it; the parameters without a default are
/// <c>required</c>, and no other key is taken.
/// </summary>
/// <remarks>
/// The class is read as metadata only: attributes through <see cref="CustomAttributeData"/>, so
/// no plugin code runs. A plugin can declare anything, so a class past a limit (parameters,
/// size, nesting, enum names), or one whose constructor cannot be read, is refused with
/// <see cref="UndescribableNodeClassException"/> rather than described in part.
/// </remarks>
internal static class NodeParameterSchema
{
    /// <summary>A class with more constructor parameters than this is not described.</summary>
    public const int MaxParameters = 256;

    /// <summary>Most UTF-8 bytes of one class's schema (compact JSON).</summary>
    public const int MaxClassSchemaBytes = 64 * 1024;

    /// <summary>Descriptions are cut to this many characters.</summary>
    public const int MaxDescriptionChars = 1000;

    /// <summary>The schema of <paramref name="node"/>'s parameters, a document of its own (with <c>$schema</c>).</summary>
    /// <exception cref="UndescribableNodeClassException">The class cannot be described within the limits, or its constructor cannot be read.</exception>
    public static JsonObject Describe(NodeDescriptor node)
    {
        try
        {
            var schema = Build(node);
            var size = ConfigSchemas.ByteCount(schema.ToJsonString());
            return size <= MaxClassSchemaBytes
                ? schema
                : throw new UndescribableNodeClassException(node, $"its parameter schema takes {size} bytes, more than the {MaxClassSchemaBytes} one class may");
        }
        catch (UndescribableParameterException e)
        {
            throw new UndescribableNodeClassException(node, e.Message);
        }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException
            or FormatException or MemberAccessException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new UndescribableNodeClassException(node, $"its constructor cannot be read ({e.GetType().Name}: {e.Message})");
        }
    }

    private static JsonObject Build(NodeDescriptor node)
    {
        // NodeTypeRules admitted the class to the catalogue only with exactly one public constructor.
        var declared = node.Type.GetConstructors().Single().GetParameters();
        if (declared.Length > MaxParameters)
        {
            throw new UndescribableParameterException($"its constructor has {declared.Length} parameters, more than the {MaxParameters} a schema describes");
        }

        var nullability = new NullabilityInfoContext();
        var properties = new JsonObject();
        var required = new JsonArray();
        for (var i = 0; i < declared.Length; i++)
        {
            var parameter = declared[i];
            var key = ParameterNames.KeyOf(declared, i);
            if (key is null || properties.ContainsKey(key))
            {
                throw new UndescribableParameterException($"its constructor parameter #{i} ('{parameter.Name}') cannot be set by any key");
            }

            properties[key] = Property(parameter, key, nullability, out var isRequired);
            if (isRequired)
            {
                required.Add(key);
            }
        }

        var schema = new JsonObject { ["$schema"] = ConfigSchemas.Dialect, ["title"] = node.ClassName };
        if (DescriptionOf(node.Type.GetCustomAttributesData()) is { } description)
        {
            schema["description"] = description;
        }

        schema["type"] = "object";
        schema["properties"] = properties;
        schema["required"] = required;
        schema["additionalProperties"] = false;
        schema["x-cuvis-class"] = node.FullPath;
        schema["x-cuvis-source"] = node.Source == NodeSource.Builtin ? "builtin" : "plugin";
        if (node.PluginName.Length > 0)
        {
            schema["x-cuvis-plugin"] = node.PluginName;
        }

        return schema;
    }

    private static JsonObject Property(ParameterInfo parameter, string key, NullabilityInfoContext nullability, out bool isRequired)
    {
        var values = ParameterTypeSchema.Of(parameter.ParameterType, nullability.Create(parameter), out var allowsNull);
        var property = new JsonObject();
        if (DescriptionOf(parameter.GetCustomAttributesData()) is { } description)
        {
            property["description"] = description;
        }

        foreach (var (name, value) in values.ToList())
        {
            values.Remove(name);
            property[name] = value;
        }

        isRequired = !NodeParameterBinder.TryDefault(parameter, out var fallback);
        if (!isRequired)
        {
            if (Render(fallback, parameter.ParameterType, allowsNull, out var json, out var spelled))
            {
                property["default"] = json;
            }
            else if (spelled is not null)
            {
                property["x-cuvis-default"] = spelled;
            }
        }

        property["x-cuvis-type"] = ParameterTypeNames.Of(parameter.ParameterType);
        if (key != parameter.Name)
        {
            property["x-cuvis-parameter"] = parameter.Name;
        }

        return property;
    }

    /// <summary>
    /// A default as JSON, when it is a value a document could give: null only where null is taken,
    /// an enum's value only by a name it has, a float only finite (else <paramref name="spelled"/>
    /// is its YAML spelling, <c>.nan</c>, <c>.inf</c>, <c>-.inf</c>, which the binder reads).
    /// </summary>
    private static bool Render(object? value, Type type, bool allowsNull, out JsonNode? json, out string? spelled)
    {
        json = null;
        spelled = null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        switch (value)
        {
            case null:
                return allowsNull;
            case Missing:
                return false;
            case Array { Length: 0 } when target.IsSZArray:
                json = new JsonArray();
                return true;
            case string text when target == typeof(string):
                json = text;
                return true;
            case bool flag when target == typeof(bool):
                json = flag;
                return true;
            case not null when target.IsEnum:
                var name = Enum.GetName(target, Enum.ToObject(target, value));
                json = name;
                spelled = name is null ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
                return name is not null;
            case float or double when target == typeof(float) || target == typeof(double):
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number))
                {
                    spelled = double.IsNaN(number) ? ".nan" : number > 0 ? ".inf" : "-.inf";
                    return false;
                }

                json = value is float single ? JsonValue.Create(single) : JsonValue.Create(number);
                return true;
            case not null when ParameterValueConverter.IntegerRanges.ContainsKey(target) && ParameterValueConverter.IntegerRanges.ContainsKey(value.GetType()):
                json = value is ulong large ? JsonValue.Create(large) : JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return true;
            default:
                return false;
        }
    }

    // Only System.ComponentModel's own DescriptionAttribute, read from metadata: a subclass of it could run code.
    private static string? DescriptionOf(IList<CustomAttributeData> attributes)
    {
        var description = attributes
            .Where(attribute => attribute.AttributeType == typeof(DescriptionAttribute) && attribute.ConstructorArguments.Count == 1)
            .Select(attribute => attribute.ConstructorArguments[0].Value as string)
            .FirstOrDefault(text => !string.IsNullOrWhiteSpace(text));
        return description is null || description.Length <= MaxDescriptionChars
            ? description
            : string.Concat(description.AsSpan(0, MaxDescriptionChars - 3), "...");
    }
}
