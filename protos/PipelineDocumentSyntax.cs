namespace Cuvis.Sandbox.Protos;

/// <summary>
/// The spelling rules of a pipeline document (<c>PipelineConfig.config_bytes</c>) that the worker
/// reads it by and the schema GetParameterSchema publishes for it states, kept
/// here so the two cannot drift apart. Patterns are plain ECMA-262, as JSON Schema validators in
/// every language read them (no named groups).
/// </summary>
public static class PipelineDocumentSyntax
{
    /// <summary>A node or port name: ASCII letters, digits and '_', not starting with a digit.</summary>
    public const string Identifier = "[A-Za-z_][A-Za-z0-9_]*";

    /// <summary>A whole node name.</summary>
    public const string NodeNamePattern = "^" + Identifier + "$";

    /// <summary>A connection's <c>from</c>: <c>&lt;node&gt;.outputs.&lt;port&gt;</c>.</summary>
    public const string OutputEndPattern = "^" + Identifier + OutputsSeparator + Identifier + "$";

    /// <summary>A connection's <c>to</c>: <c>&lt;node&gt;.inputs.&lt;port&gt;</c>.</summary>
    public const string InputEndPattern = "^" + Identifier + InputsSeparator + Identifier + "$";

    /// <summary>What stands between the node and the port in <c>from</c>, as a pattern.</summary>
    public const string OutputsSeparator = @"\.outputs\.";

    /// <summary>What stands between the node and the port in <c>to</c>, as a pattern.</summary>
    public const string InputsSeparator = @"\.inputs\.";

    /// <summary>The keys of <c>metadata</c>: <c>tags</c> is a list of strings, every other key a string.</summary>
    public static IReadOnlyList<string> MetadataKeys { get; } = ["name", "description", "created", "tags", "author", "cuvis_ai_version"];
}
