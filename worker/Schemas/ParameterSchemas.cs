using System.Text.Json.Nodes;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Worker.Hosting;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Pipelines;

namespace Cuvis.Sandbox.Worker.Schemas;

/// <summary>
/// Answers GetParameterSchema for the session: <c>pipeline</c>, the document's schema with each
/// node class of the session (builtin and plugin) constraining its nodes' params, or one class
/// (by its short or full name, as a document's <c>class</c> names it), its constructor's
/// parameters (<see cref="NodeParameterSchema"/>). Every answer stays within
/// <see cref="ConfigSchemas.MaxSchemaBytes"/>, however many classes a session's plugins declare.
/// </summary>
internal sealed class ParameterSchemas(NodeCatalog catalog, WorkerSession session, ILogger<ParameterSchemas> logger)
{
    // Described classes take at most this much of a pipeline schema, compact; indented, the
    // whole stays under the limit (or is sent compact).
    private const int ClassBudgetBytes = ConfigSchemas.MaxSchemaBytes / 2;

    private const int MaxUncheckedNotes = 20;
    private const int MaxNoteChars = 300;

    /// <summary>The schema of <paramref name="configType"/>, as JSON text.</summary>
    /// <exception cref="UnknownConfigTypeException">It is neither <c>pipeline</c> nor a class of this session, or names several.</exception>
    /// <exception cref="UndescribableNodeClassException">It names a class that cannot be described within the limits.</exception>
    public string Describe(string configType)
    {
        if (ConfigSchemas.Unsupported(configType) is { } unsupported)
        {
            throw new UnknownConfigTypeException(unsupported);
        }

        var nodes = catalog.List();
        var json = configType == ConfigSchemas.Pipeline ? Send(ConfigSchemas.PipelineDocument(Classes(nodes))) : Send(NodeParameterSchema.Describe(Find(nodes, configType)));
        SchemaLog.Described(logger, session.Id, Shown(configType), ConfigSchemas.ByteCount(json));
        return json;
    }

    private PipelineClasses Classes(IReadOnlyList<NodeDescriptor> nodes)
    {
        var names = new NodeNames(nodes);
        var described = new List<NodeClassParams>();
        var others = new List<string>();
        var notes = new List<string>();
        var skipped = 0;
        var used = 0L;
        foreach (var node in nodes)
        {
            var accepted = names.Of(node);
            if (accepted.Count == 0)
            {
                continue;
            }

            // Each name is written twice (the class enum, the class's condition), quoted.
            var nameBytes = accepted.Sum(name => 2L * (ConfigSchemas.ByteCount(name) + 3));
            if (used + nameBytes > ClassBudgetBytes)
            {
                skipped++;
                continue;
            }

            try
            {
                var parameters = NodeParameterSchema.Describe(node);
                var size = nameBytes + ConfigSchemas.ByteCount(parameters.ToJsonString());
                if (used + size <= ClassBudgetBytes)
                {
                    parameters.Remove("$schema");
                    described.Add(new NodeClassParams(accepted, parameters));
                    used += size;
                    continue;
                }

                Note(notes, $"{node.FullPath}: its params are free here; the pipeline schema's {ClassBudgetBytes} bytes for classes were spent (ask for the class by name).");
            }
            catch (UndescribableNodeClassException e)
            {
                SchemaLog.Undescribable(logger, session.Id, Shown(node.FullPath), e.Reason);
                Note(notes, $"{node.FullPath}: its params are free here; {e.Reason}.");
            }

            others.AddRange(accepted);
            used += nameBytes;
        }

        if (skipped > 0)
        {
            Note(notes, $"{skipped} node class(es) past the schema's size limit are not listed, so 'class' takes any name; ask for each class by name.");
        }

        if (notes.Count > MaxUncheckedNotes)
        {
            notes[MaxUncheckedNotes - 1] = $"... and {notes.Count - MaxUncheckedNotes + 1} more.";
            notes.RemoveRange(MaxUncheckedNotes, notes.Count - MaxUncheckedNotes);
        }

        return new PipelineClasses(described, skipped > 0 ? null : others, notes);
    }

    private static NodeDescriptor Find(IReadOnlyList<NodeDescriptor> nodes, string configType)
    {
        var candidates = new NodeClassResolver(nodes).Candidates(configType);
        if (candidates is [var node])
        {
            return node;
        }

        if (candidates.Count > 1)
        {
            throw new UnknownConfigTypeException($"config_type '{Shown(configType)}' names {candidates.Count} node classes of this session "
                + $"({string.Join(", ", candidates.Take(5).Select(candidate => Shown(candidate.FullPath)))}); give the full name.");
        }

        var known = configType.Contains('.', StringComparison.Ordinal) ? nodes.Select(n => n.FullPath) : nodes.Select(n => n.ClassName);
        var closest = NameSuggestions.Closest(configType, known.Prepend(ConfigSchemas.Pipeline));
        throw new UnknownConfigTypeException($"config_type '{Shown(configType)}' is neither '{ConfigSchemas.Pipeline}' nor a node class of this session. "
            + (closest.Count > 0
                ? $"Did you mean {string.Join(" or ", closest.Select(name => $"'{name}'"))}?"
                : "ListAvailableNodes lists the session's classes; load the plugin that provides it first."));
    }

    private static string Send(JsonObject schema)
    {
        var json = ConfigSchemas.Serialize(schema);
        if (ConfigSchemas.ByteCount(json) <= ConfigSchemas.MaxSchemaBytes)
        {
            return json;
        }

        // The budgets keep a schema well inside the limit compact; indentation alone can pass it.
        json = schema.ToJsonString();
        return ConfigSchemas.ByteCount(json) <= ConfigSchemas.MaxSchemaBytes
            ? json
            : throw new InvalidOperationException($"A parameter schema of {ConfigSchemas.ByteCount(json)} bytes passed the limit its budgets keep to.");
    }

    private static void Note(List<string> notes, string note) =>
        notes.Add(note.Length <= MaxNoteChars ? note : string.Concat(note.AsSpan(0, MaxNoteChars - 3), "..."));

    // A name from a request or a plugin goes into messages and logs at a readable length.
    private static string Shown(string name) => name.Length <= 200 ? name : string.Concat(name.AsSpan(0, 197), "...");
}
