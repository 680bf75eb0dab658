using System.Text.Json;
using System.Text.Json.Nodes;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;
using Json.Schema;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Pipelines;

/// <summary>
/// GetParameterSchema through the supervisor and a contained worker: the pipeline document without
/// and with a session, a builtin class, a git plugin's class, and the refusals. One supervisor for
/// the class; the kit plugin comes from the shared cache.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed class ParameterSchemaTests(ITestOutputHelper output, SharedPlugins plugins, SharedSupervisor server)
    : SharedSupervisorTest(output, server)
{
    private const string BuiltinPipeline = """
        {"metadata": {"name": "RX"},
         "nodes": [{"name": "input", "class": "HyperspectralInput"}, {"name": "rx", "class": "RXPerBatch", "params": {"rcond": 1e-9}},
                   {"name": "decide", "class": "QuantileBinaryDecider", "params": {"quantile": 0.99}}],
         "connections": [{"from": "input.outputs.cube", "to": "rx.inputs.data"}, {"from": "rx.outputs.scores", "to": "decide.inputs.logits"}]}
        """;

    protected override string[] SupervisorArguments => [plugins.CacheArgument];

    [Fact]
    public async Task Pipeline_WithoutASession_IsTheDocumentWithFreeParams_AndWithOneEachClassConstrainsItsParams()
    {
        var sessionless = Parse(await AskAsync("pipeline"));
        var id = await OpenSessionAsync();
        var inSession = Parse(await AskAsync("pipeline", id));

        Evaluate(sessionless, BuiltinPipeline).Should().BeTrue();
        Evaluate(sessionless, """{"nodes": [{"name": "x", "class": "AnyClass", "params": {"anything": [1]}}]}""").Should().BeTrue("params are free without a session");
        Evaluate(sessionless, """{"nodes": [], "pipelines": 1}""").Should().BeFalse();
        Evaluate(inSession, BuiltinPipeline).Should().BeTrue();
        Evaluate(inSession, BuiltinPipeline.Replace("0.99", "\"high\"", StringComparison.Ordinal)).Should().BeFalse("quantile is a number");
        Evaluate(inSession, BuiltinPipeline.Replace("rcond", "rcondition", StringComparison.Ordinal)).Should().BeFalse("RXPerBatch has no such parameter");
        Evaluate(inSession, """{"nodes": [{"name": "x", "class": "AnyClass"}]}""").Should().BeFalse("the session knows no such class");
        (await Supervisor.Client.LoadPipelineAsync(new LoadPipelineRequest
        {
            SessionId = id,
            Config = new PipelineConfig { ConfigBytes = ByteString.CopyFromUtf8(BuiltinPipeline) },
        }, deadline: DateTime.UtcNow.AddMinutes(1))).Success.Should().BeTrue("a document the schema takes loads");
    }

    [Fact]
    public async Task ABuiltinClass_AndAGitPluginsClass_AreTheirConstructorsParameters()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);

        var builtin = JsonNode.Parse(await AskAsync("QuantileBinaryDecider", session.Id))!;
        var plugin = JsonNode.Parse(await AskAsync("PipelineKit.Offset", session.Id))!;
        var byShortName = JsonNode.Parse(await AskAsync("Offset", session.Id))!;

        builtin["properties"]!["quantile"]!.ToJsonString().Should().Contain("\"type\":\"number\"").And.Contain("\"default\":0.995");
        builtin["required"]!.AsArray().Should().BeEmpty();
        builtin["x-cuvis-source"]!.GetValue<string>().Should().Be("builtin");
        plugin["x-cuvis-plugin"]!.GetValue<string>().Should().Be("kit");
        plugin["properties"]!["amount"]!["default"]!.GetValue<double>().Should().Be(1);
        byShortName.ToJsonString().Should().Be(plugin.ToJsonString());

        var pipeline = Parse(await AskAsync("pipeline", session.Id));
        Evaluate(pipeline, """{"nodes": [{"name": "o", "class": "Offset", "params": {"amount": 2.5}}]}""").Should().BeTrue();
        Evaluate(pipeline, """{"nodes": [{"name": "o", "class": "Offset", "params": {"amount": "much"}}]}""").Should().BeFalse();
        Evaluate(pipeline, """{"nodes": [{"name": "n", "class": "MinMaxNormalizer"}]}""")
            .Should().BeFalse("the kit's Shadow.MinMaxNormalizer makes the short name ambiguous, as LoadPipeline finds it");
        var ambiguous = await RefusedAsync("MinMaxNormalizer", session.Id);
        ambiguous.StatusCode.Should().Be(StatusCode.InvalidArgument);
        ambiguous.Status.Detail.Should().Contain("give the full name");
    }

    [Fact]
    public async Task Refusals_NameTheFieldAtFault()
    {
        var id = await OpenSessionAsync();
        var unknownSession = Guid.NewGuid().ToString();

        var training = await RefusedAsync("training", id);
        var typo = await RefusedAsync("QuantileBinaryDecidr", id);
        var sessionless = await RefusedAsync("training");
        var classWithoutSession = await RefusedAsync("RXPerBatch");
        var notFound = await RefusedAsync("pipeline", unknownSession);

        training.StatusCode.Should().Be(StatusCode.InvalidArgument);
        training.Status.Detail.Should().Contain("training-free");
        Field(training).Should().Be("config_type");
        typo.Status.Detail.Should().Contain("Did you mean 'QuantileBinaryDecider'?");
        Field(typo).Should().Be("config_type");
        Field(sessionless).Should().Be("config_type");
        classWithoutSession.StatusCode.Should().Be(StatusCode.InvalidArgument);
        Field(classWithoutSession).Should().Be("session_id");
        notFound.StatusCode.Should().Be(StatusCode.NotFound);
        notFound.Status.Detail.Should().Be($"Session {unknownSession} not found");
    }

    private async Task<string> AskAsync(string configType, string sessionId = "") =>
        (await Supervisor.Client.GetParameterSchemaAsync(new GetParameterSchemaRequest { ConfigType = configType, SessionId = sessionId },
            deadline: DateTime.UtcNow.AddMinutes(1))).JsonSchema;

    private async Task<RpcException> RefusedAsync(string configType, string sessionId = "")
    {
        var call = () => AskAsync(configType, sessionId);
        return (await call.Should().ThrowAsync<RpcException>()).Which;
    }

    private static string? Field(RpcException e) =>
        e.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations.Single().Field;

    private static JsonSchema Parse(string json) => JsonSchema.FromText(json);

    private static bool Evaluate(JsonSchema schema, string document)
    {
        using var parsed = JsonDocument.Parse(document);
        return schema.Evaluate(parsed.RootElement).IsValid;
    }
}
