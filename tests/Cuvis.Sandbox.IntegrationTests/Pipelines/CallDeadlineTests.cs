using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Pipelines;

[Collection(SharedPlugins.Collection)]
public sealed class CallDeadlineTests(ITestOutputHelper output, SharedPlugins plugins) : IntegrationTest(output)
{
    private SupervisorProcess _supervisor = null!;

    [Fact]
    public async Task CallPastWorkersCallTimeout_IsDeadlineExceededNamingTheSetting_AndTheSessionStaysUsable()
    {
        var kit = plugins.Kit;
        var session = await PipelineSession.CreateAsync(_supervisor, kit);
        await session.LoadPipelineAsync("nodes: [{name: slow, class: Sleepy}]");
        var batch = new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 60_000f }, 1) } };

        // No client deadline: the supervisor's own limit toward the worker must end the call.
        var call = () => session.Client.InferenceAsync(new InferenceRequest { SessionId = session.Id, Inputs = batch }).ResponseAsync
            .WaitAsync(TimeSpan.FromSeconds(45));

        var error = (await call.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.DeadlineExceeded);
        error.Status.Detail.Should().Contain("Inference").And.Contain("Workers:CallTimeouts:Inference");

        // The node saw the cancellation and released the pipeline: the next call on the same
        // pipeline runs at once instead of waiting for a minute-long sleep to end.
        var quick = new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 1f }, 1) } };
        var next = await session.InferAsync(quick);
        PipelineSession.Values<float>(next.Outputs["slow.data"]).Should().Equal(1f);
    }

    public override async Task InitializeAsync() => _supervisor = await StartSupervisorAsync(plugins.CacheArgument, "--Workers:CallTimeouts:Inference=00:00:03");
}
