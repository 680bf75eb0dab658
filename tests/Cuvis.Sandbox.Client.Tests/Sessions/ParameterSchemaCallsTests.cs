using Cuvis.Sandbox.Client.Tests.Infrastructure;
using Grpc.Core;
using Proto = Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Client.Tests.Sessions;

/// <summary>GetParameterSchema from a session and without one: the request each sends, the schema text back, and a refusal typed.</summary>
public class ParameterSchemaCallsTests
{
    private const string Schema = """{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}""";

    private readonly FakeCallInvoker _server = new();

    [Fact]
    public async Task SessionGetParameterSchemaAsync_SendsTheClassAndTheSession_AndReturnsTheSchemaText()
    {
        _server.On("GetParameterSchema", new Proto.GetParameterSchemaResponse { JsonSchema = Schema });

        var schema = await TestClients.Session(_server).GetParameterSchemaAsync("MinMaxNormalizer");

        var request = _server.Last.RequestAs<Proto.GetParameterSchemaRequest>();
        request.ConfigType.Should().Be("MinMaxNormalizer");
        request.SessionId.Should().Be(TestClients.SessionId);
        schema.Should().Be(Schema);
    }

    [Fact]
    public async Task ClientGetParameterSchemaAsync_SendsNoSession()
    {
        _server.On("GetParameterSchema", new Proto.GetParameterSchemaResponse { JsonSchema = Schema });

        (await TestClients.Over(_server).GetParameterSchemaAsync("pipeline")).Should().Be(Schema);

        _server.Last.RequestAs<Proto.GetParameterSchemaRequest>().Should().BeEquivalentTo(new { ConfigType = "pipeline", SessionId = "" });
    }

    [Fact]
    public async Task GetParameterSchemaAsync_UnknownConfigType_IsAnInvalidRequestNamingTheField()
    {
        _server.Respond = _ => Rpc.WithViolations(StatusCode.InvalidArgument, "config_type 'training' is a cuvis-ai training configuration",
            ("config_type", "config_type 'training' is a cuvis-ai training configuration"));

        var thrown = await FluentActions.Awaiting(() => TestClients.Session(_server).GetParameterSchemaAsync("training"))
            .Should().ThrowAsync<CuvisInvalidRequestException>();

        thrown.Which.FieldViolations.Should().ContainSingle().Which.Field.Should().Be("config_type");
    }
}
