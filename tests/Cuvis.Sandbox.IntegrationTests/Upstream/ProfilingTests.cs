using System.Diagnostics;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Upstream;

/// <summary>
/// SetProfiling / GetProfilingSummary through a real supervisor and contained worker: per-node
/// statistics of the calls made while profiling is on (after the warm-up skipped), kept when the
/// worker is killed and the session recovers, restarted by reset and by a new pipeline.
/// </summary>
public sealed class ProfilingTests(ITestOutputHelper output, SharedSupervisor server) : SharedSupervisorTest(output, server)
{
    [Fact]
    public async Task ProfiledCalls_AreCountedPerNode_AfterTheWarmUp_AndSurviveTheWorkersCrash()
    {
        var session = new PipelineSession(Supervisor, await OpenSessionAsync());
        await session.LoadPipelineAsync(PipelineSession.MinMaxPipeline);
        await InferAsync(session);
        (await SummaryAsync(session)).Should().BeEmpty("profiling is off until asked for");

        var set = await session.Client.SetProfilingAsync(new SetProfilingRequest { SessionId = session.Id, Enabled = true, SkipFirstN = 1 });
        set.ProfilingEnabled.Should().BeTrue();
        for (var i = 0; i < 4; i++)
        {
            await InferAsync(session);
        }

        var stats = await SummaryAsync(session);
        stats.Select(s => s.NodeName).Should().Equal("input", "norm");
        foreach (var node in stats)
        {
            node.Count.Should().Be(3, "the first of four calls was warm-up");
            node.Stage.Should().Be(ExecutionStage.Inference);
            node.MinMs.Should().BeGreaterThanOrEqualTo(0).And.BeLessThanOrEqualTo(node.MedianMs);
            node.MedianMs.Should().BeLessThanOrEqualTo(node.MaxMs);
            node.TotalMs.Should().BeApproximately(node.MeanMs * 3, 1e-6);
            node.StdMs.Should().BeGreaterThanOrEqualTo(0);
        }

        var worker = Supervisor.WorkerPidOf(session.Id);
        Process.GetProcessById(worker).Kill();
        (await ProcessTable.WaitUntilAsync(() => !ProcessTable.IsAlive(worker), TimeSpan.FromSeconds(10))).Should().BeTrue();
        try
        {
            await InferAsync(session);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
        {
            // The call that finds the worker dead is refused; the session recovers for the next.
            await InferAsync(session);
        }

        (await SummaryAsync(session)).Select(s => s.Count).Should().Equal([4L, 4L], "the profile outlives the worker it was measured in");
        (await session.Client.GetProfilingSummaryAsync(new GetProfilingSummaryRequest { SessionId = session.Id, Stage = ExecutionStage.Train }))
            .NodeStats.Should().BeEmpty("nodes run only at the inference stage here");

        await session.Client.SetProfilingAsync(new SetProfilingRequest { SessionId = session.Id, Enabled = true, Reset = true });
        (await SummaryAsync(session)).Should().BeEmpty("reset forgets the profile");
        await InferAsync(session);
        await session.LoadPipelineAsync(PipelineSession.MinMaxPipeline.Replace("norm", "scaled", StringComparison.Ordinal));
        await InferAsync(session);
        (await SummaryAsync(session)).Select(s => s.NodeName).Should().Equal(["input", "scaled"], "a new pipeline starts a new profile");
    }

    [Fact]
    public async Task ANegativeWarmUp_IsInvalidArgument_AndLeavesProfilingAsItWas()
    {
        var id = await OpenSessionAsync();
        var refused = (await FluentActions.Awaiting(() => Supervisor.Client.SetProfilingAsync(
            new SetProfilingRequest { SessionId = id, Enabled = true, SkipFirstN = -2 }).ResponseAsync).Should().ThrowAsync<RpcException>()).Which;

        refused.StatusCode.Should().Be(StatusCode.InvalidArgument);
        refused.Status.Detail.Should().Contain("skip_first_n is -2");
        (await Supervisor.Client.SetProfilingAsync(new SetProfilingRequest { SessionId = id, Enabled = false })).ProfilingEnabled.Should().BeFalse();
    }

    private static Task<InferenceResponse> InferAsync(PipelineSession session) =>
        session.InferAsync(new InputBatch { Cube = PipelineSession.Wire(new[] { 1f, 2, 3, 4 }, 1, 1, 2, 2) });

    private static async Task<IReadOnlyList<NodeProfilingStats>> SummaryAsync(PipelineSession session) =>
        (await session.Client.GetProfilingSummaryAsync(new GetProfilingSummaryRequest { SessionId = session.Id })).NodeStats;
}
