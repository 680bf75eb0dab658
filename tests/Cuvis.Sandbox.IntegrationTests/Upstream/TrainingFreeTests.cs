using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Upstream;

/// <summary>
/// Upstream's training surface against a training-free server: every training RPC, the streaming
/// Train among them, is UNIMPLEMENTED saying why; GetTrainingCapabilities offers nothing; and a
/// LoadPipeline naming a data module is refused without touching the session's pipeline.
/// </summary>
public sealed class TrainingFreeTests(ITestOutputHelper output, SharedSupervisor server) : SharedSupervisorTest(output, server)
{
    [Fact]
    public async Task EveryTrainingRpc_IsUnimplemented_SayingTheServerIsTrainingFree()
    {
        var id = await OpenSessionAsync();
        var client = Supervisor.Client;
        Func<Task>[] calls =
        [
            () => client.LoadPipelineWeightsAsync(new LoadPipelineWeightsRequest { SessionId = id, WeightsPath = "w.pt" }).ResponseAsync,
            () => client.SetTrainRunConfigAsync(new SetTrainRunConfigRequest { SessionId = id }).ResponseAsync,
            () => client.StopTrainAsync(new StopTrainRequest { SessionId = id }).ResponseAsync,
            () => client.GetTrainStatusAsync(new GetTrainStatusRequest { SessionId = id }).ResponseAsync,
            () => client.SaveTrainRunAsync(new SaveTrainRunRequest { SessionId = id, TrainrunPath = "run.yaml" }).ResponseAsync,
            () => client.RestoreTrainRunAsync(new RestoreTrainRunRequest { TrainrunPath = "run.yaml" }).ResponseAsync,
            async () =>
            {
                using var train = client.Train(new TrainRequest { SessionId = id });
                await train.ResponseStream.MoveNext(CancellationToken.None);
            },
        ];

        foreach (var call in calls)
        {
            var refused = (await call.Should().ThrowAsync<RpcException>()).Which;
            refused.StatusCode.Should().Be(StatusCode.Unimplemented);
            refused.Status.Detail.Should().Contain("training-free pipelines");
        }

        var capabilities = await client.GetTrainingCapabilitiesAsync(new GetTrainingCapabilitiesRequest());
        capabilities.SupportedOptimizers.Should().BeEmpty();
        capabilities.SupportedSchedulers.Should().BeEmpty();
        capabilities.SupportedCallbacks.Should().BeEmpty();
    }

    [Fact]
    public async Task LoadPipeline_WithADataModule_IsFailedPrecondition_AndKeepsTheLoadedPipeline()
    {
        var id = await OpenSessionAsync();
        var client = Supervisor.Client;
        (await client.LoadPipelineAsync(Request(id, PipelineSession.MinMaxPipeline))).Success.Should().BeTrue();
        var before = await client.GetPipelineInputsAsync(new GetPipelineInputsRequest { SessionId = id });

        var withDataModule = Request(id, "nodes: [{name: other, class: MinMaxNormalizer}]");
        withDataModule.DataModule = "cuvis_ai.data.lentils:LentilsDataModule";
        var refused = (await FluentActions.Awaiting(() => client.LoadPipelineAsync(withDataModule).ResponseAsync)
            .Should().ThrowAsync<RpcException>()).Which;

        refused.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        refused.Status.Detail.Should().Contain("data_module").And.Contain("no data modules");
        (await client.GetPipelineInputsAsync(new GetPipelineInputsRequest { SessionId = id })).Should().BeEquivalentTo(before);
    }

    private static LoadPipelineRequest Request(string id, string yaml) =>
        new() { SessionId = id, Config = new PipelineConfig { ConfigBytes = ByteString.CopyFromUtf8(yaml) } };
}
