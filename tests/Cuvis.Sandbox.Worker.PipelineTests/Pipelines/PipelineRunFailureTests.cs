using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.PipelineTests.Infrastructure;
using Cuvis.Sandbox.Worker.PipelineTests.TestNodes;
using static Cuvis.Sandbox.Worker.PipelineTests.Infrastructure.TestPipelines;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines;

public sealed class PipelineRunFailureTests
{
    private readonly string _log = CallLog.NewKey();

    [Fact]
    public void Run_NodeThrows_WrapsWithNodeNameClassAndMessage()
    {
        var pipeline = BuildValid("nodes: [{name: bad, class: ThrowingNode, params: {message: kernel exploded}}]");

        var run = () => Run(pipeline);

        var thrown = run.Should().Throw<NodeExecutionException>().Which;
        thrown.Message.Should().Be($"Node 'bad' ({typeof(ThrowingNode).FullName}) failed: InvalidOperationException: kernel exploded");
        thrown.NodeName.Should().Be("bad");
        thrown.InnerException.Should().BeOfType<InvalidOperationException>();
    }

    [Fact]
    public void Run_NodeThrows_LaterNodesDoNotRun()
    {
        var pipeline = BuildValid($$$"""
            nodes:
              - {name: bad, class: ThrowingNode}
              - {name: after, class: AddNode, params: {log: {{{_log}}}, label: after}}
            connections:
              - {from: bad.outputs.y, to: after.inputs.x}
            """);

        var run = () => Run(pipeline);

        run.Should().Throw<NodeExecutionException>().Which.NodeName.Should().Be("bad");
        CallLog.Of(_log).Should().BeEmpty();
    }

    [Fact]
    public void Run_NodeOmitsDeclaredOutput_ThrowsNamingNodeAndOutput()
    {
        var pipeline = BuildValid("nodes: [{name: lazy, class: IncompleteNode}]");

        var run = () => Run(pipeline);

        var thrown = run.Should().Throw<NodeExecutionException>().Which;
        thrown.Message.Should().Be($"Node 'lazy' ({typeof(IncompleteNode).FullName}) did not produce output 'z'; it returned 'y'.");
        thrown.NodeName.Should().Be("lazy");
    }

    [Fact]
    public void Run_NodeReturnsWrongDType_ThrowsNamingTheOutput()
    {
        var pipeline = BuildValid("nodes: [{name: liar, class: MistypedOutputNode}]");

        var run = () => Run(pipeline);

        run.Should().Throw<NodeExecutionException>().Which.Message.Should()
            .Contain("Node 'liar'").And.Contain("output 'y' that breaks its declaration: expected dtype Float32, got Tensor(Int32, [2])");
    }

    [Fact]
    public void Run_ConnectedTensorMissesAFixedSize_ThrowsNamingTheConsumer()
    {
        var pipeline = BuildValid("""
            nodes:
              - {name: add, class: AddNode}
              - {name: four, class: FourSinkNode}
            connections:
              - {from: add.outputs.y, to: four.inputs.x}
            """);

        var run = () => Run(pipeline);

        var thrown = run.Should().Throw<NodeExecutionException>().Which;
        thrown.NodeName.Should().Be("four");
        thrown.Message.Should().Contain("cannot take 'add.y' as input 'x': expected shape [4] (size 4 on axis 0), got Tensor(Float32, [2])");
    }

    [Fact]
    public void Run_AlreadyCancelled_ThrowsOperationCanceledAndRunsNothing()
    {
        var pipeline = BuildValid($"nodes: [{{name: a, class: AddNode, params: {{log: {_log}, label: a}}}}]");

        var run = () => pipeline.Run(new Dictionary<string, Tensor> { ["x"] = TestTensors.Vector(1f) }, [], new CancellationToken(canceled: true));

        run.Should().Throw<OperationCanceledException>();
        CallLog.Of(_log).Should().BeEmpty();
    }

    [Fact]
    public void Run_CancelledWhileANodeRuns_PassesOperationCanceledThroughUnwrapped()
    {
        var pipeline = BuildValid($$$"""
            nodes:
              - {name: slow, class: BlockingNode, params: {log: {{{_log}}}}}
              - {name: after, class: AddNode, params: {log: {{{_log}}}, label: after}}
            connections:
              - {from: slow.outputs.y, to: after.inputs.x}
            """);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var run = () => pipeline.Run(new Dictionary<string, Tensor> { ["x"] = TestTensors.Vector(1f) }, [], cancellation.Token);

        run.Should().Throw<OperationCanceledException>().Which.Should().NotBeOfType<NodeExecutionException>();
        CallLog.Of(_log).Should().Equal("blocking");
    }

    private static PipelineRunResult Run(Pipeline pipeline) =>
        pipeline.Run(new Dictionary<string, Tensor> { ["x"] = TestTensors.Vector(1f, 2f) }, [], CancellationToken.None);
}
