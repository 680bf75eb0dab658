using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cuvis.Sandbox.Protos;

/// <summary>
/// What GetParameterSchema answers, as far as both ends know it: the config types, the JSON
/// Schema of the pipeline document (the supervisor sends it with free <c>params</c> when no session
/// is named; a session's worker constrains each of its node classes' <c>params</c>), the texts
/// of refusals, and the size limit the supervisor holds a worker's answer to.
/// </summary>
public static class ConfigSchemas
{
    /// <summary>The config type of the pipeline document.</summary>
    public const string Pipeline = "pipeline";

    /// <summary>The JSON Schema dialect of every schema served.</summary>
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>Most UTF-8 bytes of an answer's <c>json_schema</c>; the supervisor refuses a worker's answer past it.</summary>
    public const int MaxSchemaBytes = 512 * 1024;

    /// <summary>Upstream cuvis-ai's other config types, none of which a training-free server has.</summary>
    public static IReadOnlyList<string> UpstreamConfigTypes { get; } = ["trainrun", "training", "data", "optimizer", "scheduler", "callbacks"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The schema of a pipeline document; with a session's <paramref name="classes"/>, each described class's <c>params</c> are its own.</summary>
    /// <param name="classes">The session's node classes; <see langword="null"/> for no session (any class, free params).</param>
    public static JsonObject PipelineDocument(PipelineClasses? classes = null)
    {
        var schema = new JsonObject
        {
            ["$schema"] = Dialect,
            ["title"] = "Cuvis.Sandbox pipeline document",
            ["description"] = "A pipeline document as LoadPipeline takes it (PipelineConfig.config_bytes), in YAML or JSON. "
                + "The schema checks its structure and each node's params; the server also checks what a schema cannot: "
                + "unique node names, that connections name existing nodes and ports of fitting dtypes and shapes, no cycles, "
                + "and what each constructor checks itself. "
                + (classes is null
                    ? "Without a session it knows no node classes, so params are free; ask with session_id for each class's params."
                    : "Each node class of the session constrains its nodes' params, listing each constructor parameter under "
                        + "the snake_case key a Python user writes (band_a); the server also binds other spellings equal to it "
                        + "ignoring case and underscores (bandA), which the schema does not take."),
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["metadata"] = Metadata(),
                ["nodes"] = new JsonObject
                {
                    ["description"] = "The nodes, each constructed from its class with its params.",
                    ["type"] = "array",
                    ["minItems"] = 1,
                    ["items"] = new JsonObject { ["$ref"] = "#/$defs/node" },
                },
                ["connections"] = new JsonObject
                {
                    ["description"] = "Edges from an output port to an input port; an input takes one connection.",
                    ["type"] = new JsonArray("array", "null"),
                    ["items"] = new JsonObject { ["$ref"] = "#/$defs/connection" },
                },
            },
            ["required"] = new JsonArray("nodes"),
            ["additionalProperties"] = false,
            ["$defs"] = new JsonObject
            {
                ["node"] = Node(classes),
                ["connection"] = Connection(),
            },
        };
        if (classes is { Unchecked.Count: > 0 })
        {
            schema["x-cuvis-unchecked"] = new JsonArray([.. classes.Unchecked.Select(note => (JsonNode)note)]);
        }

        return schema;
    }

    /// <summary>The text of a schema as sent: indented JSON, non-ASCII characters as they are.</summary>
    public static string Serialize(JsonNode schema) => schema.ToJsonString(Indented);

    /// <summary>The UTF-8 size of <paramref name="json"/>, as the limits count it.</summary>
    public static int ByteCount(string json) => Encoding.UTF8.GetByteCount(json);

    /// <summary>
    /// Why <paramref name="configType"/> is not one this server has, when it is empty or upstream's
    /// name of a config type this server has none of; <see langword="null"/> otherwise.
    /// </summary>
    public static string? Unsupported(string configType)
    {
        if (configType.Length == 0)
        {
            return $"config_type is empty; ask for '{Pipeline}' (the pipeline document) or a node class by name (with session_id).";
        }

        return UpstreamConfigTypes.Contains(configType, StringComparer.OrdinalIgnoreCase)
            ? $"config_type '{configType}' is a cuvis-ai training configuration; this server runs training-free pipelines and has "
                + $"no {string.Join(", ", UpstreamConfigTypes)} configuration. It describes '{Pipeline}' and the node classes of a session."
            : null;
    }

    private static JsonObject Metadata()
    {
        var properties = new JsonObject();
        foreach (var key in PipelineDocumentSyntax.MetadataKeys)
        {
            properties[key] = key == "tags"
                ? new JsonObject { ["type"] = new JsonArray("array", "null"), ["items"] = new JsonObject { ["type"] = "string" } }
                : new JsonObject { ["type"] = new JsonArray("string", "null") };
        }

        return new JsonObject
        {
            ["description"] = "Optional; LoadPipeline answers it back.",
            ["type"] = new JsonArray("object", "null"),
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject Node(PipelineClasses? classes)
    {
        var className = new JsonObject { ["description"] = "The node class, by its short name or its full name.", ["type"] = "string", ["minLength"] = 1 };
        if (classes is { OtherNames: { } others })
        {
            className["enum"] = new JsonArray([.. classes.Described.SelectMany(c => c.Names).Concat(others).Select(name => (JsonNode)name)]);
        }

        var node = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["name"] = new JsonObject
                {
                    ["description"] = "Unique in the document; connections name the node by it.",
                    ["type"] = "string",
                    ["pattern"] = PipelineDocumentSyntax.NodeNamePattern,
                },
                ["class"] = className,
                ["params"] = new JsonObject
                {
                    ["description"] = "Bound to the class's constructor parameters by name; parameters without a default are required.",
                    ["type"] = new JsonArray("object", "null"),
                },
            },
            ["required"] = new JsonArray("name", "class"),
            ["additionalProperties"] = false,
        };
        if (classes is { Described.Count: > 0 })
        {
            node["allOf"] = new JsonArray([.. classes.Described.Select(ByClass)]);
        }

        return node;
    }

    // A class with a required parameter needs params; one without takes none, or null.
    private static JsonNode ByClass(NodeClassParams nodeClass)
    {
        var parameters = nodeClass.Params;
        var then = parameters["required"] is JsonArray { Count: > 0 }
            ? new JsonObject { ["required"] = new JsonArray("params"), ["properties"] = new JsonObject { ["params"] = parameters } }
            : new JsonObject { ["properties"] = new JsonObject { ["params"] = new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, parameters) } } };
        return new JsonObject
        {
            ["if"] = new JsonObject
            {
                ["properties"] = new JsonObject { ["class"] = new JsonObject { ["enum"] = new JsonArray([.. nodeClass.Names.Select(name => (JsonNode)name)]) } },
                ["required"] = new JsonArray("class"),
            },
            ["then"] = then,
        };
    }

    private static JsonObject Connection() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["from"] = new JsonObject { ["description"] = "<node>.outputs.<port>", ["type"] = "string", ["pattern"] = PipelineDocumentSyntax.OutputEndPattern },
            ["to"] = new JsonObject { ["description"] = "<node>.inputs.<port>", ["type"] = "string", ["pattern"] = PipelineDocumentSyntax.InputEndPattern },
        },
        ["required"] = new JsonArray("from", "to"),
        ["additionalProperties"] = false,
    };
}
