using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Plugins;
using Cuvis.Sandbox.Worker.Schemas;
using Json.Schema;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cuvis.Sandbox.Worker.PipelineTests.Infrastructure;

/// <summary>The schemas a session over test node classes publishes, and the two verdicts on a document: the schema's (JsonSchema.Net) and the builder's.</summary>
internal static class TestSchemas
{
    public static ParameterSchemas Create(IReadOnlyList<Type>? nodeTypes = null) =>
        new(new NodeCatalog(new PluginRegistry(), nodeTypes ?? TestPipelines.NodeTypes), TestPipelines.Session, NullLogger<ParameterSchemas>.Instance);

    /// <summary>The schema text for <paramref name="configType"/>, parsed as JSON.</summary>
    public static JsonObject Json(string configType, IReadOnlyList<Type>? nodeTypes = null) =>
        JsonNode.Parse(Create(nodeTypes).Describe(configType))!.AsObject();

    /// <summary>The schema for <paramref name="configType"/>, ready to evaluate.</summary>
    public static JsonSchema Schema(string configType, IReadOnlyList<Type>? nodeTypes = null) =>
        JsonSchema.FromText(Create(nodeTypes).Describe(configType));

    /// <summary>Whether <paramref name="schema"/> takes <paramref name="json"/>; the errors when not.</summary>
    public static (bool Valid, string Errors) Evaluate(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
        return (result.IsValid, errors);
    }

    /// <summary>The builder's problems with a document of one node <c>p</c> of <paramref name="nodeClass"/> with <paramref name="paramsJson"/>.</summary>
    public static IReadOnlyList<string> BindProblems(string nodeClass, string paramsJson, IReadOnlyList<Type>? nodeTypes = null)
    {
        var document = $$"""{"nodes":[{"name":"p","class":"{{nodeClass}}","params":{{paramsJson}}}]}""";
        return [.. TestPipelines.CreateBuilder(nodeTypes).Build(Encoding.UTF8.GetBytes(document)).Problems.Select(problem => problem.Description)];
    }
}
