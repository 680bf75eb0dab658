using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.PipelineTests.Infrastructure;
using Cuvis.Sandbox.Worker.PipelineTests.TestNodes;
using static Cuvis.Sandbox.Worker.PipelineTests.Infrastructure.TestPipelines;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines;

public sealed class PipelineConcurrencyTests
{
    [Fact]
    public async Task Run_ManyParallelCalls_AreSerialisedPerPipeline()
    {
        const int Runs = 64;
        var pipeline = BuildValid("nodes: [{name: state, class: StatefulNode}]");
        var node = (StatefulNode)pipeline.Nodes[0].Instance;
        var inputs = new Dictionary<string, Tensor> { ["x"] = TestTensors.Vector(1f) };
        using var start = new ManualResetEventSlim();

        var runs = Enumerable.Range(0, Runs)
            .Select(_ => Task.Factory.StartNew(
                () =>
                {
                    start.Wait();
                    return pipeline.Run(inputs, [], CancellationToken.None).Metrics["state.calls"];
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))
            .ToList();
        start.Set();
        var calls = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(30));

        node.Overlaps.Should().Be(0);
        node.Calls.Should().Be(Runs);
        calls.Should().BeEquivalentTo(Enumerable.Range(1, Runs).Select(call => (float)call), "each run saw the count the one before it left");
    }

    [Fact]
    public async Task Run_TwoPipelinesOfOneDocument_DoNotShareNodes()
    {
        const string Document = "nodes: [{name: state, class: StatefulNode}]";
        var first = BuildValid(Document);
        var second = BuildValid(Document);
        var inputs = new Dictionary<string, Tensor> { ["x"] = TestTensors.Vector(1f) };

        await Task.WhenAll(
            Task.Run(() => first.Run(inputs, [], CancellationToken.None)),
            Task.Run(() => second.Run(inputs, [], CancellationToken.None)),
            Task.Run(() => second.Run(inputs, [], CancellationToken.None))).WaitAsync(TimeSpan.FromSeconds(30));

        ((StatefulNode)first.Nodes[0].Instance).Calls.Should().Be(1);
        ((StatefulNode)second.Nodes[0].Instance).Calls.Should().Be(2);
    }
}
