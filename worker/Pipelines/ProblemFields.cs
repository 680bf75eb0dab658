using System.Text;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// The field paths problems name, each the most precise place its check can know.
/// </summary>
/// <remarks>
/// <para>
/// Inside a pipeline document (LoadPipeline), a path follows the document, with 0-based list
/// positions: <c>nodes</c> (missing or empty), <c>nodes[2]</c> (not a mapping, or a constructor
/// that threw), <c>nodes[2].name</c>, <c>nodes[2].class</c>, <c>nodes[2].params</c> (not a
/// mapping, or a required param missing), <c>nodes[2].params.threshold</c> (the key as the document
/// spells it, which may differ from the constructor's parameter name), <c>nodes[2].&lt;key&gt;</c>
/// (an unknown key), <c>connections</c> (not a list, or a cycle), <c>connections[0]</c> (not a
/// mapping, or ports that do not fit each other), <c>connections[0].from</c> and
/// <c>connections[0].to</c> (syntax, node or port), <c>metadata</c>, <c>metadata.tags</c> and
/// <c>metadata.&lt;key&gt;</c>. An unknown top-level key is the key itself, e.g. <c>pipelines</c>.
/// Nodes are named by position even where the message names them by name (<c>node 'rx'</c>).
/// A problem with the document as a whole (too large, not UTF-8, YAML syntax, empty, several
/// documents, too deep, an alias bomb, not a mapping) names <see cref="Document"/>, the request
/// field that carries it. Keys are not quoted or escaped: a key that is not an identifier shows as
/// written, and a key without text (null or empty) cannot be named, so the problem is its parent's.
/// </para>
/// <para>
/// For a run (Inference), a path follows the request: <c>inputs.cube</c>, <c>inputs.wavelengths</c>
/// and <c>inputs.mask</c> for those batch keys, <c>inputs.extra_inputs["name"]</c> for any other,
/// and <c>output_specs[1]</c> for a selector. A tensor malformed on the wire names its part:
/// <c>inputs.cube.dtype</c>, <c>inputs.cube.shape</c> or <c>inputs.cube.raw_data</c>.
/// </para>
/// </remarks>
internal static class ProblemFields
{
    /// <summary>The LoadPipelineRequest field that carries the document: problems with the document as a whole.</summary>
    public const string Document = "config.config_bytes";

    public const string Metadata = "metadata";

    public const string Nodes = "nodes";

    public const string Connections = "connections";

    /// <summary>The batch keys that travel in fields of their own; every other key is an extra input.</summary>
    private static readonly string[] BatchFields = ["cube", "wavelengths", "mask", "mesu_index", "rgb_image", "frame_id", "bboxes", "points", "text_prompt"];

    public static string MetadataKey(string? key) => string.IsNullOrEmpty(key) ? Metadata : $"metadata.{key}";

    /// <summary>A top-level key; one without text (a null or empty key) is a fault of the document.</summary>
    public static string TopLevelKey(string? key) => string.IsNullOrEmpty(key) ? Document : key;

    // Each path is one interpolation: a hostile document's problems are counted by the thousand
    // past the listed ones, and each still costs its strings.
    public static string Node(int index) => $"nodes[{index}]";

    public static string NodeKey(int index, string? key) => string.IsNullOrEmpty(key) ? Node(index) : $"nodes[{index}].{key}";

    public static string NodeName(int index) => $"nodes[{index}].name";

    public static string NodeClass(int index) => $"nodes[{index}].class";

    public static string NodeParams(int index) => $"nodes[{index}].params";

    public static string NodeParam(int index, string? key) => string.IsNullOrEmpty(key) ? NodeParams(index) : $"nodes[{index}].params.{key}";

    public static string Connection(int index) => $"connections[{index}]";

    public static string ConnectionKey(int index, string? key) => string.IsNullOrEmpty(key) ? Connection(index) : $"connections[{index}].{key}";

    public static string ConnectionFrom(int index) => $"connections[{index}].from";

    public static string ConnectionTo(int index) => $"connections[{index}].to";

    /// <summary>The request field a batch key travels in, as the worker maps an InputBatch to names.</summary>
    public static string Input(string name) =>
        BatchFields.Contains(name, StringComparer.Ordinal) ? $"inputs.{name}" : ExtraInput(name);

    public static string ExtraInput(string name) => $"inputs.extra_inputs[{Quote(name)}]";

    public static string OutputSelector(int index) => $"output_specs[{index}]";

    private static string Quote(string key)
    {
        var quoted = new StringBuilder(key.Length + 2).Append('"');
        foreach (var c in key)
        {
            quoted.Append(c is '"' or '\\' ? "\\" : "").Append(c);
        }

        return quoted.Append('"').ToString();
    }
}
