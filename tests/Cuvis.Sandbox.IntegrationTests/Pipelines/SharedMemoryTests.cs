using System.Diagnostics;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Pipelines;

/// <summary>
/// Inference through shared memory (here for every request: Workers:SharedMemoryThresholdBytes=0),
/// checked from outside: the memfd files each side holds open (/proc/&lt;pid&gt;/fd), during a call,
/// after it, and after its worker was killed in the middle of it.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed class SharedMemoryTests(ITestOutputHelper output, SharedPlugins plugins, SharedSupervisor server)
    : SharedSupervisorTest(output, server)
{
    private const string SleepyPipeline = "nodes: [{name: slow, class: Sleepy}]";

    protected override string[] SupervisorArguments => [plugins.CacheArgument, "--Workers:SharedMemoryThresholdBytes=0"];

    [Fact]
    public async Task DuringACall_SupervisorAndWorkerHoldItsFile_AndOnceItAnsweredNeitherDoes()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);
        await session.LoadPipelineAsync(SleepyPipeline);
        var worker = Supervisor.WorkerPidOf(session.Id);
        var values = Enumerable.Range(0, 64 * 1024).Select(i => (float)i).ToArray();
        values[0] = 3000; // ms Sleepy sleeps

        var call = session.InferAsync(new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(values, values.Length) } });
        // Watched until the call answers: the node's sleep keeps the file open for 3 s of it.
        var heldByBoth = false;
        await ProcessTable.WaitUntilAsync(() =>
        {
            heldByBoth |= SharedMemoryFiles.Of(worker).Count == 1 && SharedMemoryFiles.Of(Supervisor.ProcessId).Count == 1;
            return call.IsCompleted;
        }, TimeSpan.FromSeconds(60));
        var answer = await call;

        heldByBoth.Should().BeTrue("while the node runs, the call's file is open in the supervisor and in the worker");
        PipelineSession.Values<float>(answer.Outputs["slow.data"]).Should().Equal(values, "the answer came back through the file intact");
        (await ProcessTable.WaitUntilAsync(
            () => SharedMemoryFiles.Of(worker).Count == 0 && SharedMemoryFiles.Of(Supervisor.ProcessId).Count == 0, TimeSpan.FromSeconds(5)))
            .Should().BeTrue($"no file outlives its call; still open: {string.Join(", ", [.. SharedMemoryFiles.Of(worker), .. SharedMemoryFiles.Of(Supervisor.ProcessId)])}");
    }

    [Fact]
    public async Task WorkerKilledInTheMiddleOfACall_LeavesNoFileInTheSupervisor_AndTheSessionRecovers()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);
        await session.LoadPipelineAsync(SleepyPipeline);
        var worker = Supervisor.WorkerPidOf(session.Id);
        var call = session.InferAsync(new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 60_000f, 1, 2 }, 3) } });
        (await ProcessTable.WaitUntilAsync(() => SharedMemoryFiles.Of(worker).Count == 1, TimeSpan.FromSeconds(10)))
            .Should().BeTrue("the worker holds the call's file while the node sleeps");

        Process.GetProcessById(worker).Kill();

        (await FluentActions.Awaiting(() => call).Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
        (await ProcessTable.WaitUntilAsync(() => SharedMemoryFiles.Of(Supervisor.ProcessId).Count == 0, TimeSpan.FromSeconds(5)))
            .Should().BeTrue($"the failed call's file is closed with it; still open: {string.Join(", ", SharedMemoryFiles.Of(Supervisor.ProcessId))}");
        var again = await session.InferAsync(new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 0f, 5, 6 }, 3) } });
        PipelineSession.Values<float>(again.Outputs["slow.data"]).Should().Equal(0f, 5, 6);
        ProcessTable.IsAlive(worker).Should().BeFalse("the answer came from the worker the session recovered onto");
    }

    [Fact]
    public async Task ARequestThatIsNoMessage_IsInvalidArgumentFromTheWorkersParse_AndTheSessionCarriesOn()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);
        await session.LoadPipelineAsync("nodes: [{name: p, class: Passthrough}]");
        byte[] invalidUtf8 = [0x6E, 0xC3, 0x28, 0xFF];
        var tensor = PipelineSession.Wire(new[] { 1f }, 1).ToByteArray();
        byte[] message = [.. ProtobufWire.Field(1, session.Id), .. ProtobufWire.Field(2, ProtobufWire.Field(7, [.. ProtobufWire.Field(1, invalidUtf8), .. ProtobufWire.Field(2, tensor)]))];
        using var raw = new RawGrpcClient(Supervisor.Address);

        var outcome = await raw.CallAsync("Inference", ProtobufWire.Frame(message));

        outcome.Status.Should().Be(StatusCode.InvalidArgument, outcome.ToString());
        outcome.Message.Should().Contain("The InferenceRequest could not be read as a protobuf message").And.Contain("UTF-8");
        var answer = await session.InferAsync(new InputBatch { Cube = PipelineSession.Wire(new[] { 4f, 2 }, 1, 1, 1, 2) });
        PipelineSession.Values<float>(answer.Outputs["p.cube"]).Should().Equal(4f, 2);
        SharedMemoryFiles.Of(Supervisor.ProcessId).Should().BeEmpty();
    }
}
