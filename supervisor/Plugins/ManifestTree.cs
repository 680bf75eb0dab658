using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cuvis.Sandbox.Supervisor.Yaml;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// Reads a LoadPlugin manifest, JSON or YAML (cuvis-ai writes its manifests as YAML files and its
/// clients send either), into one JSON tree that <see cref="SinglePluginManifestParser"/> checks.
/// YAML plain scalars take YAML 1.2's core types (true/false, null, integers, floats), quoted ones
/// stay strings; aliases are expanded within a node budget, so a "billion laughs" document is
/// refused rather than expanded (<see cref="YamlJson"/>).
/// </summary>
internal static class ManifestTree
{
    /// <summary>Nesting a manifest may use; its own shape needs 5 levels.</summary>
    public const int MaxDepth = 16;

    /// <summary>Values (scalars, lists, maps) a manifest may hold once aliases are expanded.</summary>
    public const int MaxValues = 100_000;

    public static JsonNode Read(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw Invalid("manifest.config_bytes is empty");
        }

        ManifestEncoding.Check(bytes.Span, ManifestShape.SinglePlugin);
        var text = Encoding.UTF8.GetString(bytes.Span);
        if (!text.AsSpan().TrimStart().StartsWith("{"))
        {
            return ReadYaml(text);
        }

        // A YAML flow mapping ({name: x, ...}) starts as JSON does; YAML reads what JSON cannot.
        try
        {
            return ReadJson(bytes);
        }
        catch (InvalidManifestException json)
        {
            try
            {
                return ReadYaml(text);
            }
            catch (InvalidManifestException)
            {
                throw json;
            }
        }
    }

    private static JsonNode ReadJson(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return JsonNode.Parse(bytes.Span, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth })
                ?? throw Invalid("the top level is null, not an object");
        }
        catch (JsonException e)
        {
            throw Invalid($"not valid JSON ({e.Message})");
        }
    }

    private static JsonNode ReadYaml(string text) =>
        YamlJson.Load(text, MaxDepth, MaxValues, problem => Invalid(problem == "the document is empty"
            ? "the document is empty; a manifest declares 'name', a source ('path' or 'repo' + 'tag') and 'capabilities'"
            : problem.Replace("; send one", "; send one plugin per LoadPlugin call", StringComparison.Ordinal)))
        ?? throw Invalid("the top level is null, not an object");

    private static InvalidManifestException Invalid(string problem) => new(problem, shape: ManifestShape.SinglePlugin);
}
