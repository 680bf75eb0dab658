using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>Small readings of YAML nodes shared by the document reader and the parameter binder.</summary>
internal static class YamlNodes
{
    private const int MaxShownLength = 60;

    /// <summary>
    /// YAML's null: an empty or <c>~</c>/<c>null</c> plain scalar (also JSON's <c>null</c>). A
    /// quoted <c>"null"</c> is the string.
    /// </summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Returns the text of a non-null scalar, or <see langword="null"/> for anything else.</summary>
    public static string? Text(YamlNode node) =>
        node is YamlScalarNode scalar && !IsNull(node) ? scalar.Value ?? "" : null;

    /// <summary>Describes a value for a problem message: <c>'abc'</c>, <c>null</c>, <c>[1, 2]</c>, <c>a mapping</c>.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        _ when IsNull(node) => "null",
        YamlScalarNode scalar => $"'{Shorten(scalar.Value ?? "")}'",
        YamlSequenceNode sequence => Shorten($"[{string.Join(", ", sequence.Children.Select(DescribeElement))}]"),
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    private static string DescribeElement(YamlNode node) => node switch
    {
        _ when IsNull(node) => "null",
        YamlScalarNode scalar => scalar.Value ?? "",
        YamlSequenceNode => "[...]",
        _ => "{...}",
    };

    private static string Shorten(string text) =>
        text.Length <= MaxShownLength ? text : string.Concat(text.AsSpan(0, MaxShownLength), "...");
}
