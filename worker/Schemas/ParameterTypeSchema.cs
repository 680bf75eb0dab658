using System.Reflection;
using System.Text.Json.Nodes;
using Cuvis.Sandbox.Worker.Pipelines;

namespace Cuvis.Sandbox.Worker.Schemas;

/// <summary>
/// The JSON Schema of the values <see cref="ParameterValueConverter"/> takes for a parameter type,
/// written in JSON's own types: <c>boolean</c>; <c>integer</c> with the type's <c>minimum</c> and
/// <c>maximum</c>; <c>number</c> (float's within ±float.MaxValue); <c>string</c>; an enum's names;
/// <c>array</c> with <c>items</c>; and <c>null</c> beside them where null is taken. A type the
/// converter cannot set takes nothing (<c>not: {}</c>), or only null.
/// </summary>
/// <remarks>
/// The converter reads a YAML scalar by its text, so it also takes <c>"5"</c> for an int,
/// <c>5</c> for a string, <c>"true"</c> for a bool and <c>max_pool</c> for <c>MaxPool</c>; the
/// schema states the canonical form only. So a value the schema takes always binds, and one it
/// refuses binds only in one of these spellings.
/// </remarks>
internal static class ParameterTypeSchema
{
    /// <summary>Nesting past this (int[][][]...) is refused rather than described.</summary>
    public const int MaxDepth = 16;

    /// <summary>An enum with more names than this is refused rather than listed.</summary>
    public const int MaxEnumNames = 1000;

    /// <summary>The schema of <paramref name="type"/>'s values; <paramref name="nullability"/> as the converter reads it.</summary>
    /// <exception cref="UndescribableParameterException">The type is nested too deep or its enum has too many names.</exception>
    public static JsonObject Of(Type type, NullabilityInfo? nullability) => Of(type, nullability, depth: 0, out _);

    /// <summary>The schema of <paramref name="type"/>'s values, and whether it takes null.</summary>
    public static JsonObject Of(Type type, NullabilityInfo? nullability, out bool allowsNull) => Of(type, nullability, depth: 0, out allowsNull);

    private static JsonObject Of(Type type, NullabilityInfo? nullability, int depth, out bool allowsNull)
    {
        if (depth > MaxDepth)
        {
            throw new UndescribableParameterException($"its type nests arrays more than {MaxDepth} deep");
        }

        var underlying = Nullable.GetUnderlyingType(type);
        allowsNull = underlying is not null || (!type.IsValueType && nullability?.ReadState != NullabilityState.NotNull);
        var target = underlying ?? type;
        var schema = new JsonObject();
        string kind;
        if (target.IsArray)
        {
            if (!target.IsSZArray)
            {
                return Unsettable(target, allowsNull);
            }

            kind = "array";
            schema["items"] = Of(target.GetElementType()!, nullability?.ElementType, depth + 1, out _);
        }
        else if (target == typeof(string))
        {
            kind = "string";
        }
        else if (target == typeof(bool))
        {
            kind = "boolean";
        }
        else if (target.IsEnum)
        {
            kind = "string";
            var names = Enum.GetNames(target);
            if (names.Length > MaxEnumNames)
            {
                throw new UndescribableParameterException($"its enum {target.Name} has {names.Length} names, more than the {MaxEnumNames} a schema lists");
            }

            // The enum keyword is checked on its own: null must be one of its values too.
            schema["enum"] = new JsonArray([.. names.Select(name => (JsonNode)name), .. allowsNull ? new JsonNode?[] { null } : []]);
        }
        else if (target == typeof(float))
        {
            kind = "number";
            schema["minimum"] = -(double)float.MaxValue;
            schema["maximum"] = (double)float.MaxValue;
        }
        else if (target == typeof(double))
        {
            kind = "number";
        }
        else if (ParameterValueConverter.IntegerRanges.TryGetValue(target, out var range))
        {
            kind = "integer";
            schema["minimum"] = (long)range.Min;
            schema["maximum"] = range.Max > long.MaxValue ? JsonValue.Create((ulong)range.Max) : JsonValue.Create((long)range.Max);
        }
        else
        {
            return Unsettable(target, allowsNull);
        }

        var typed = new JsonObject { ["type"] = allowsNull ? new JsonArray(kind, "null") : kind };
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            typed[key] = value;
        }

        return typed;
    }

    // The converter sets no value of this type from a document; where null is taken, null still binds.
    private static JsonObject Unsettable(Type type, bool allowsNull)
    {
        var note = $"A {ParameterTypeNames.Of(type)} cannot be set from a pipeline document{(allowsNull ? "; only null is taken" : "")}.";
        return allowsNull
            ? new JsonObject { ["type"] = "null", ["x-cuvis-unsettable"] = note }
            : new JsonObject { ["not"] = new JsonObject(), ["x-cuvis-unsettable"] = note };
    }
}
