namespace Cuvis.Sandbox.Contracts;

/// <summary>
/// Declares how a <see cref="Node"/> class is listed to clients: its graph role, its tags and an
/// icon. Optional: a node without it is listed with <see cref="NodeCategory.Unspecified"/>, no
/// tags and no icon.
/// </summary>
/// <remarks>
/// The host reads it with <see cref="NodeMetadata.Of"/> without constructing the node, as it reads
/// the ports. It is not inherited: a node class declares its own.
/// </remarks>
/// <example>
/// <code>
/// [NodeMetadata(NodeCategory.Transform, NodeTag.Hyperspectral, NodeTag.Normalization,
///     IconSvg = "&lt;svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"&gt;&lt;rect width=\"16\" height=\"8\"/&gt;&lt;/svg&gt;")]
/// [InputPort("cube", DType.Float32, 1, -1, -1, -1)]
/// [OutputPort("normalized", DType.Float32, 1, -1, -1, -1)]
/// public sealed class MyNormalizer : Node { ... }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NodeMetadataAttribute : Attribute
{
    /// <summary>Declares a node's category and tags.</summary>
    /// <param name="category">The node's one graph role.</param>
    /// <param name="tags">What the node is about, in the order clients should list them; none is fine.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tags"/> is <see langword="null"/>.</exception>
    public NodeMetadataAttribute(NodeCategory category, params NodeTag[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        Category = category;
        Tags = tags;
    }

    /// <summary>Gets the node's graph role.</summary>
    public NodeCategory Category { get; }

    /// <summary>Gets the node's tags.</summary>
    /// <remarks>An array because attribute arguments must be; <see cref="NodeMetadata.Tags"/> is the read-only copy the host uses.</remarks>
    public NodeTag[] Tags { get; }

    /// <summary>
    /// Gets or sets the node's icon: a small SVG document (root element <c>svg</c>, at most
    /// <see cref="NodeMetadata.MaxIconSvgLength"/> characters), passed to clients as written.
    /// Defaults to empty, meaning no icon.
    /// </summary>
    /// <remarks>Never <see langword="null"/>: setting <see langword="null"/> stores an empty string.</remarks>
    public string IconSvg { get; set => field = value ?? ""; } = "";
}
