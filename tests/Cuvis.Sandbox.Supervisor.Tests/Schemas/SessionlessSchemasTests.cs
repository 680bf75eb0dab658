using System.Text.Json;
using Cuvis.Sandbox.Supervisor.Schemas;

namespace Cuvis.Sandbox.Supervisor.Tests.Schemas;

/// <summary>GetParameterSchema without a session, which the supervisor answers without a worker.</summary>
public sealed class SessionlessSchemasTests
{
    [Fact]
    public void Describe_Pipeline_IsTheDocumentsSchema_WithFreeParams()
    {
        using var schema = JsonDocument.Parse(SessionlessSchemas.Describe("pipeline"));

        schema.RootElement.GetProperty("$schema").GetString().Should().Be("https://json-schema.org/draft/2020-12/schema");
        var node = schema.RootElement.GetProperty("$defs").GetProperty("node");
        node.TryGetProperty("allOf", out _).Should().BeFalse("no class constrains params without a session");
        node.GetProperty("properties").GetProperty("class").TryGetProperty("enum", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("training", "config_type", "training-free")]
    [InlineData("Pipline", "config_type", "did you mean 'pipeline'?")]
    [InlineData("", "config_type", "empty")]
    [InlineData("RXPerBatch", "session_id", "known only inside a session")]
    public void Describe_AnythingElse_IsRefusedNamingTheField(string configType, string field, string expected)
    {
        var describe = () => SessionlessSchemas.Describe(configType);

        var refused = describe.Should().Throw<InvalidSchemaRequestException>().Which;
        refused.Message.Should().Contain(expected);
        refused.FieldProblems.Should().ContainSingle().Which.Field.Should().Be(field);
    }
}
