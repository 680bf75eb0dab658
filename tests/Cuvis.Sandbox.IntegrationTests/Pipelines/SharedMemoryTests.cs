using System.Diagnostics;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Pipelines;

/// <summary>
/// Inference through shared memory (here for every request: Workers:SharedMemoryThresholdBytes=0),
/// checked from outside: the memfd files (by inode) each side holds open, seen in /proc/&lt;pid&gt;/fd
/// during a call, after it, when the session's arena has been idle, after its worker was killed
/// in the middle of a call, and after the session closed.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed class SharedMemoryTests(ITestOutputHelper output, SharedPlugins plugins, SharedSupervisor server)
    : SharedSupervisorTest(output, server)
{
    private const string SleepyPipeline = "nodes: [{name: slow, class: Sleepy}]";
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(3);

    protected override string[] SupervisorArguments =>
        [plugins.CacheArgument, "--Workers:SharedMemoryThresholdBytes=0", "--Workers:SharedMemoryIdleTimeout=00:00:03"];

    [Fact]
    public async Task BothSidesHoldTheSessionsArenaDuringACall_TheNextCallReusesIt_AndOnceIdleItIsReleased()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);
        await session.LoadPipelineAsync(SleepyPipeline);
        var worker = Supervisor.WorkerPidOf(session.Id);
        var values = Enumerable.Range(0, 64 * 1024).Select(i => (float)i).ToArray();
        values[0] = 3000; // ms Sleepy sleeps

        var call = session.InferAsync(new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(values, values.Length) } });
        // Watched until the call answers: the node's sleep keeps it in the worker for 3 s.
        IReadOnlySet<long> during = new HashSet<long>();
        await ProcessTable.WaitUntilAsync(() =>
        {
            var (inSupervisor, inWorker) = (SharedMemoryFiles.Of(Supervisor.ProcessId), SharedMemoryFiles.Of(worker));
            if (inSupervisor.Count == 1 && inSupervisor.SetEquals(inWorker))
            {
                during = inSupervisor;
            }

            return call.IsCompleted;
        }, TimeSpan.FromSeconds(60));
        var answer = await call;
        values[0] = 0;
        var again = await session.InferAsync(new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(values, values.Length) } });
        var afterSecond = SharedMemoryFiles.Of(Supervisor.ProcessId);

        during.Should().ContainSingle("while the node runs, one file is open in the supervisor and the same one in the worker");
        PipelineSession.Values<float>(answer.Outputs["slow.data"])[1..].Should().Equal(values[1..], "the answer came back through the file intact");
        PipelineSession.Values<float>(again.Outputs["slow.data"]).Should().Equal(values);
        afterSecond.Should().Equal(during, "the session's next call reused its arena instead of a new file");
        (await ProcessTable.WaitUntilAsync(
            () => SharedMemoryFiles.Of(worker).Count == 0 && SharedMemoryFiles.Of(Supervisor.ProcessId).Count == 0, IdleTimeout * 4))
            .Should().BeTrue($"an arena idle for Workers:SharedMemoryIdleTimeout ({IdleTimeout.TotalSeconds:0} s) is released on both sides");
    }

    [Fact]
    public async Task WorkerKilledInTheMiddleOfACall_LeavesNoFileInTheSupervisor_AndTheSessionRecovers()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);
        await session.LoadPipelineAsync(SleepyPipeline);
        var worker = Supervisor.WorkerPidOf(session.Id);
        var call = session.InferAsync(new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 60_000f, 1, 2 }, 3) } });
        (await ProcessTable.WaitUntilAsync(() => SharedMemoryFiles.Of(worker).Count == 1, TimeSpan.FromSeconds(10)))
            .Should().BeTrue("the worker holds the call's arena while the node sleeps");

        Process.GetProcessById(worker).Kill();

        (await FluentActions.Awaiting(() => call).Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);
        (await ProcessTable.WaitUntilAsync(() => SharedMemoryFiles.Of(Supervisor.ProcessId).Count == 0, TimeSpan.FromSeconds(5)))
            .Should().BeTrue("the arena of a call that did not end with its answer is retired, not reused");
        var again = await session.InferAsync(new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 0f, 5, 6 }, 3) } });
        PipelineSession.Values<float>(again.Outputs["slow.data"]).Should().Equal(0f, 5, 6);
        ProcessTable.IsAlive(worker).Should().BeFalse("the answer came from the worker the session recovered onto");
    }

    [Fact]
    public async Task ClosingTheSession_ReleasesItsArenas()
    {
        var id = await Supervisor.CreateSessionAsync();
        var session = await PipelineSession.LoadKitAsync(Supervisor, id, plugins.Kit);
        await session.LoadPipelineAsync("nodes: [{name: p, class: Passthrough}]");
        await session.InferAsync(new InputBatch { Cube = PipelineSession.Wire(new[] { 4f, 2 }, 1, 1, 1, 2) });
        var held = SharedMemoryFiles.Of(Supervisor.ProcessId);

        await Supervisor.CloseSessionAsync(id);

        held.Should().ContainSingle("the session keeps its arena for its next call");
        SharedMemoryFiles.Of(Supervisor.ProcessId).Should().BeEmpty("closing the session closes its arenas");
    }

    [Fact]
    public async Task ARequestThatIsNoMessage_IsInvalidArgumentFromTheWorkersParse_AndTheSessionCarriesOn()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);
        await session.LoadPipelineAsync("nodes: [{name: p, class: Passthrough}]");
        byte[] invalidUtf8 = [0x6E, 0xC3, 0x28, 0xFF];
        var tensor = Google.Protobuf.MessageExtensions.ToByteArray(PipelineSession.Wire(new[] { 1f }, 1));
        byte[] message = [.. ProtobufWire.Field(1, session.Id), .. ProtobufWire.Field(2, ProtobufWire.Field(7, [.. ProtobufWire.Field(1, invalidUtf8), .. ProtobufWire.Field(2, tensor)]))];
        using var raw = new RawGrpcClient(Supervisor.Address);

        var outcome = await raw.CallAsync("Inference", ProtobufWire.Frame(message));

        outcome.Status.Should().Be(StatusCode.InvalidArgument, outcome.ToString());
        outcome.Message.Should().Contain("The InferenceRequest could not be read as a protobuf message").And.Contain("UTF-8");
        var answer = await session.InferAsync(new InputBatch { Cube = PipelineSession.Wire(new[] { 4f, 2 }, 1, 1, 1, 2) });
        PipelineSession.Values<float>(answer.Outputs["p.cube"]).Should().Equal(4f, 2);
    }
}
