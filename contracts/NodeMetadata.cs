using System.Reflection;
using System.Xml;

namespace Cuvis.Sandbox.Contracts;

/// <summary>
/// How a <see cref="Node"/> class is listed to clients, read from its
/// <see cref="NodeMetadataAttribute"/> by <see cref="Of"/> without constructing it. Immutable.
/// </summary>
/// <remarks>
/// Read afresh on every call and never cached, for the reason <see cref="NodePorts"/> gives.
/// </remarks>
public sealed class NodeMetadata
{
    /// <summary>The longest icon accepted, in UTF-16 characters: 64 Ki, plenty for an icon.</summary>
    public const int MaxIconSvgLength = 64 * 1024;

    private NodeMetadata(NodeCategory category, NodeTag[] tags, string iconSvg)
    {
        Category = category;
        Tags = Array.AsReadOnly(tags);
        IconSvg = iconSvg;
    }

    /// <summary>Gets the node's graph role; <see cref="NodeCategory.Unspecified"/> when it declares none.</summary>
    public NodeCategory Category { get; }

    /// <summary>Gets the node's tags in declaration order, each once; empty when it declares none.</summary>
    public IReadOnlyList<NodeTag> Tags { get; }

    /// <summary>Gets the node's icon, an SVG document; empty when it has none.</summary>
    public string IconSvg { get; }

    /// <summary>Returns the metadata <paramref name="nodeType"/> declares.</summary>
    /// <param name="nodeType">A class deriving from <see cref="Node"/>.</param>
    /// <returns>The declared metadata; unspecified, untagged and without an icon when the class has no <see cref="NodeMetadataAttribute"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodeType"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="nodeType"/> does not derive from <see cref="Node"/>; or its category or a tag
    /// is not a defined value, a tag is <see cref="NodeTag.Unspecified"/> or given twice, or the
    /// icon is too long or not an SVG document. The message names the class.
    /// </exception>
    public static NodeMetadata Of(Type nodeType)
    {
        ArgumentNullException.ThrowIfNull(nodeType);
        if (!nodeType.IsSubclassOf(typeof(Node)))
        {
            throw new ArgumentException(
                $"Type '{nodeType.FullName}' does not derive from {typeof(Node).FullName}; only node classes declare node metadata.",
                nameof(nodeType));
        }

        if (nodeType.GetCustomAttribute<NodeMetadataAttribute>(inherit: false) is not { } declared)
        {
            return new(NodeCategory.Unspecified, [], "");
        }

        if (FindProblem(declared) is { } problem)
        {
            throw new ArgumentException($"Node class '{nodeType.FullName}' declares invalid [NodeMetadata]. {problem}", nameof(nodeType));
        }

        return new(declared.Category, [.. declared.Tags], declared.IconSvg);
    }

    private static string? FindProblem(NodeMetadataAttribute declared)
    {
        if (!Enum.IsDefined(declared.Category))
        {
            return $"Category {(int)declared.Category} is not a NodeCategory; use one of its named values.";
        }

        var seen = new HashSet<NodeTag>();
        foreach (var tag in declared.Tags)
        {
            if (tag == NodeTag.Unspecified || !Enum.IsDefined(tag))
            {
                return $"Tag {tag} is not a NodeTag a node can carry; use one of its named values other than Unspecified.";
            }

            if (!seen.Add(tag))
            {
                return $"Tag {tag} is given more than once; list each tag once.";
            }
        }

        return declared.IconSvg.Length == 0 ? null : FindIconProblem(declared.IconSvg);
    }

    private static string? FindIconProblem(string svg)
    {
        if (svg.Length > MaxIconSvgLength)
        {
            return $"IconSvg is {svg.Length} characters long; an icon may have at most {MaxIconSvgLength}.";
        }

        // No DTD and no resolver: the icon is read, never fetched or expanded.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(svg), settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "svg")
            {
                return $"IconSvg's root element is '{reader.LocalName}'; an icon is an SVG document, its root element 'svg'.";
            }

            while (reader.Read())
            {
            }

            return null;
        }
        catch (XmlException e)
        {
            return $"IconSvg is not well-formed XML ({e.Message}); an icon is an SVG document.";
        }
    }
}
