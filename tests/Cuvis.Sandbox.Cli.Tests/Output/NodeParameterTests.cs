using System.Text.Json;
using Cuvis.Sandbox.Cli.Output;

namespace Cuvis.Sandbox.Cli.Tests.Output;

public sealed class NodeParameterTests
{
    private const string Schema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "properties": {
            "band_a": { "type": "integer", "minimum": 0, "x-cuvis-type": "int", "x-cuvis-parameter": "bandA", "description": "First band." },
            "threshold": { "type": "number", "default": 0.5, "x-cuvis-type": "double" },
            "ceiling": { "type": "number", "x-cuvis-default": ".inf", "x-cuvis-type": "double" },
            "mode": { "enum": ["Fast", "Exact"] }
          },
          "required": ["band_a"],
          "additionalProperties": false
        }
        """;

    [Fact]
    public void FromSchema_ReadsNameTypeDefaultRequiredAndDescription_InTheSchemasOrder()
    {
        var parameters = NodeParameter.FromSchema(Schema);

        parameters.Should().Equal(
            new NodeParameter("band_a", "int", null, true, "First band."),
            new NodeParameter("threshold", "double", "0.5", false, null),
            new NodeParameter("ceiling", "double", ".inf", false, null),
            new NodeParameter("mode", "any", null, false, null));
        parameters.Select(p => p.ToString()).Should().Equal("band_a: int (required)", "threshold: double = 0.5", "ceiling: double = .inf", "mode: any");
    }

    [Fact]
    public void FromSchema_OfAClassWithoutParameters_IsEmpty() =>
        NodeParameter.FromSchema("""{"type": "object", "properties": {}, "additionalProperties": false}""").Should().BeEmpty();

    [Fact]
    public void FromSchema_OfSomethingElseThanAnObject_IsAJsonException() =>
        FluentActions.Invoking(() => NodeParameter.FromSchema("[1, 2]")).Should().Throw<JsonException>();
}
