using System.Text.Json;
using System.Text.Json.Nodes;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.PipelineTests.Infrastructure;

namespace Cuvis.Sandbox.Worker.PipelineTests.Schemas;

/// <summary>Every builtin class's schema against its constructor: names, required, defaults; and a document made from the schema binds.</summary>
public sealed class BuiltinParameterSchemaTests
{
    public static TheoryData<Type> Builtins => [.. BuiltinNodes.Types];

    [Theory]
    [MemberData(nameof(Builtins))]
    public void Schema_ListsEveryConstructorParameter_WithItsRequirednessAndDefault(Type type)
    {
        var schema = TestSchemas.Json(type.Name, BuiltinNodes.Types);
        var declared = type.GetConstructors().Single().GetParameters();
        var properties = schema["properties"]!.AsObject();

        properties.Select(p => NameOf(p.Key, p.Value!)).Should().Equal(declared.Select(p => p.Name), "one property per parameter, in order");
        schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should()
            .Equal(properties.Where(p => !declared.Single(d => d.Name == NameOf(p.Key, p.Value!)).HasDefaultValue).Select(p => p.Key));
        foreach (var parameter in declared.Where(p => p.HasDefaultValue))
        {
            var property = properties.Single(p => NameOf(p.Key, p.Value!) == parameter.Name).Value!;
            property["default"]!.ToJsonString().Should().Be(JsonSerializer.Serialize(parameter.DefaultValue));
        }

        schema["additionalProperties"]!.GetValue<bool>().Should().BeFalse();
        schema["x-cuvis-class"]!.GetValue<string>().Should().Be(type.FullName);
    }

    [Fact]
    public void Schema_KeysAreTheSnakeCaseAPythonUserWrites()
    {
        var keys = TestSchemas.Json("MinMaxNormalizer", BuiltinNodes.Types)["properties"]!.AsObject().Select(p => p.Key);

        keys.Should().Equal("per_channel", "output_min", "output_max");
        TestSchemas.Json("FalseRgbSelector", BuiltinNodes.Types)["properties"]!["red_nm"]!["x-cuvis-parameter"]!.GetValue<string>().Should().Be("redNm");
    }

    [Theory]
    [MemberData(nameof(Builtins))]
    public void DocumentOfTheDefaults_WithASampleForEachRequiredParameter_PassesTheSchemaAndBuilds(Type type)
    {
        var schema = TestSchemas.Json(type.Name, BuiltinNodes.Types);
        var parameters = new JsonObject();
        foreach (var (key, property) in schema["properties"]!.AsObject())
        {
            parameters[key] = property!["default"]?.DeepClone() ?? Sample(property!);
        }

        TestSchemas.Evaluate(TestSchemas.Schema(type.Name, BuiltinNodes.Types), parameters.ToJsonString()).Valid.Should().BeTrue();
        TestSchemas.BindProblems(type.Name, parameters.ToJsonString(), BuiltinNodes.Types).Should().BeEmpty("the binder binds it and the constructor takes it");
    }

    private static string NameOf(string key, JsonNode property) => property["x-cuvis-parameter"]?.GetValue<string>() ?? key;

    // Builtin parameters are numbers and bools; a required number gets 1, valid for every builtin (a band from 1 to 1 nm).
    private static JsonNode Sample(JsonNode property) => property["type"]!.GetValue<string>() switch
    {
        "boolean" => true,
        "integer" or "number" => 1,
        var other => throw new InvalidOperationException($"no sample for {other}"),
    };
}
