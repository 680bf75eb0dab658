using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Upstream;

/// <summary>
/// ValidateConfig through a real supervisor and contained workers: the problems LoadPipeline would
/// report, without loading, with a session (its pipeline untouched) or without one.
/// </summary>
public sealed class ValidateConfigTests(ITestOutputHelper output, SharedSupervisor server) : SharedSupervisorTest(output, server)
{
    private const string Bad = """
        nodes: [{name: input, class: HyperspectralInput}, {name: rx, class: NoSuchDetector}, {name: norm, class: MinMaxNormalizer, params: {bogus: 1}}]
        connections: [{from: input.outputs.nothing, to: norm.inputs.data}]
        """;

    [Fact]
    public async Task WithoutASession_AGoodDocumentIsValid_AndABadOneListsWhatLoadPipelineWouldSay()
    {
        var good = await ValidateAsync(PipelineSession.MinMaxPipeline);
        var bad = await ValidateAsync(Bad);

        good.Valid.Should().BeTrue();
        good.Errors.Should().BeEmpty();
        bad.Valid.Should().BeFalse();
        bad.Errors.Should().HaveCountGreaterThanOrEqualTo(3);
        bad.Errors.Should().Contain(e => e.Contains("NoSuchDetector")).And.Contain(e => e.Contains("bogus")).And.Contain(e => e.Contains("nothing"));

        var session = new PipelineSession(Supervisor, await OpenSessionAsync());
        var load = () => session.LoadPipelineAsync(Bad);
        var refused = (await load.Should().ThrowAsync<RpcException>()).Which;
        bad.Errors.Should().AllSatisfy(e => refused.Status.Detail.Should().Contain(e), "ValidateConfig reports what LoadPipeline does");
    }

    [Fact]
    public async Task InASession_ValidatingLeavesItsPipelineServing()
    {
        var session = new PipelineSession(Supervisor, await OpenSessionAsync());
        await session.LoadPipelineAsync(PipelineSession.MinMaxPipeline);
        var inputs = await session.Client.GetPipelineInputsAsync(new GetPipelineInputsRequest { SessionId = session.Id });

        var valid = await ValidateAsync("""
            nodes: [{name: input, class: HyperspectralInput}]
            connections: []
            """, session.Id);
        var invalid = await ValidateAsync(Bad, session.Id);

        valid.Valid.Should().BeTrue();
        invalid.Valid.Should().BeFalse();
        (await session.Client.GetPipelineInputsAsync(new GetPipelineInputsRequest { SessionId = session.Id })).Should().Be(inputs);
        var answer = await session.InferAsync(new InputBatch { Cube = PipelineSession.Wire(new float[24], 1, 2, 3, 4) });
        answer.Outputs.Should().ContainKey("norm.normalized", "the loaded pipeline, not the validated one, still serves");
    }

    [Fact]
    public async Task OtherConfigTypes_AreInvalidArgumentNamingConfigType()
    {
        var call = () => Supervisor.Client.ValidateConfigAsync(new ValidateConfigRequest { ConfigType = "training", ConfigBytes = ByteString.CopyFromUtf8("{}") }).ResponseAsync;

        var error = (await call.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Contain("config_type \"pipeline\" only");
    }

    private async Task<ValidateConfigResponse> ValidateAsync(string document, string session = "") =>
        await Supervisor.Client.ValidateConfigAsync(new ValidateConfigRequest
        {
            ConfigType = "pipeline",
            ConfigBytes = ByteString.CopyFromUtf8(document),
            SessionId = session,
        }, deadline: DateTime.UtcNow.AddMinutes(1));
}
