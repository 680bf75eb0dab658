using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.PipelineTests.Infrastructure;
using static Cuvis.Sandbox.Worker.PipelineTests.Infrastructure.TestPipelines;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines;

public sealed class PipelineVariadicTests
{
    [Fact]
    public void Run_FanInToVariadicPort_NodeGetsEveryInputInConnectionOrder()
    {
        var pipeline = BuildValid("""
            nodes:
              - {name: join, class: ConcatNode}
              - {name: a, class: AddNode, params: {delta: 10}}
              - {name: b, class: AddNode, params: {delta: 20}}
              - {name: c, class: AddNode, params: {delta: 30}}
            connections:
              - {from: c.outputs.y, to: join.inputs.parts}
              - {from: a.outputs.y, to: join.inputs.parts}
              - {from: b.outputs.y, to: join.inputs.parts}
            """);

        var result = Run(pipeline, ("x", TestTensors.Vector(0f, 1f)));

        pipeline.Nodes.Select(node => node.Name).Should().Equal("a", "b", "c", "join");
        TestTensors.Values(result.Outputs["join.joined"]).Should().Equal(30f, 31f, 10f, 11f, 20f, 21f);
        pipeline.Inputs.Select(port => port.Key).Should().NotContain("join.parts");
    }

    [Fact]
    public void Run_SameOutputTwiceIntoVariadicPort_NodeGetsItTwice()
    {
        var pipeline = BuildValid("""
            nodes:
              - {name: a, class: AddNode, params: {delta: 1}}
              - {name: join, class: ConcatNode}
            connections:
              - {from: a.outputs.y, to: join.inputs.parts}
              - {from: a.outputs.y, to: join.inputs.parts}
            """);

        var result = Run(pipeline, ("x", TestTensors.Vector(5f)));

        TestTensors.Values(result.Outputs["join.joined"]).Should().Equal(6f, 6f);
    }

    [Fact]
    public void Run_VariadicPortLeftUnconnected_TakesTheBatchTensorAlone()
    {
        var pipeline = BuildValid("nodes: [{name: join, class: ConcatNode}]");

        var result = Run(pipeline, ("parts", TestTensors.Vector(1f, 2f)));

        pipeline.Inputs.Should().ContainSingle().Which.Key.Should().Be("join.parts");
        TestTensors.Values(result.Outputs["join.joined"]).Should().Equal(1f, 2f);
    }

    [Fact]
    public void Build_FanInWithMismatchedDType_ReportsThatConnection()
    {
        var problems = Problems("""
            nodes:
              - {name: a, class: AddNode}
              - {name: n, class: SumNode}
              - {name: join, class: ConcatNode}
            connections:
              - {from: a.outputs.y, to: join.inputs.parts}
              - {from: n.outputs.count, to: join.inputs.parts}
            """);

        problems.Should().NotBeEmpty().And.OnlyContain(problem => problem.StartsWith("connection n.outputs.count -> join.inputs.parts:", StringComparison.Ordinal));
        problems.Should().Contain(problem => problem.Contains("dtype mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_TwoConnectionsIntoNonVariadicPort_StillRefused()
    {
        var problems = Problems("""
            nodes:
              - {name: a, class: AddNode}
              - {name: b, class: AddNode}
              - {name: join, class: ConcatNode}
              - {name: c, class: AddNode}
            connections:
              - {from: a.outputs.y, to: join.inputs.parts}
              - {from: b.outputs.y, to: join.inputs.parts}
              - {from: a.outputs.y, to: c.inputs.x}
              - {from: join.outputs.joined, to: c.inputs.x}
            """);

        problems.Should().ContainSingle().Which.Should().Contain("input 'c.x' is fed twice: by 'a.y' and by 'join.joined'; an input takes one connection");
    }

    private static PipelineRunResult Run(Pipeline pipeline, params (string Name, Tensor Tensor)[] inputs) =>
        pipeline.Run(inputs.ToDictionary(input => input.Name, input => input.Tensor), [], CancellationToken.None);
}
