using System.Text.Json.Nodes;

namespace Cuvis.Sandbox.Protos;

/// <summary>A node class in the pipeline document's schema: the names that resolve to it, and the schema of its params.</summary>
/// <param name="Names">Its short name and full name, each only where it resolves to this class alone; at least one.</param>
/// <param name="Params">The object schema of its constructor parameters (properties, required, additionalProperties); taken over, not copied.</param>
public sealed record NodeClassParams(IReadOnlyList<string> Names, JsonObject Params);
