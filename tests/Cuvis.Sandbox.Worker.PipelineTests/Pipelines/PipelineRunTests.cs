using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.PipelineTests.Infrastructure;
using Cuvis.Sandbox.Worker.PipelineTests.TestNodes;
using static Cuvis.Sandbox.Worker.PipelineTests.Infrastructure.TestPipelines;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines;

public sealed class PipelineRunTests
{
    private readonly string _log = CallLog.NewKey();

    [Fact]
    public void Run_NodesListedAgainstTheFlow_RunInDependencyOrder()
    {
        var pipeline = BuildValid($$$"""
            nodes:
              - {name: last, class: AddNode, params: {delta: 100, log: {{{_log}}}, label: last}}
              - {name: middle, class: AddNode, params: {delta: 10, log: {{{_log}}}, label: middle}}
              - {name: first, class: AddNode, params: {delta: 1, log: {{{_log}}}, label: first}}
            connections:
              - {from: middle.outputs.y, to: last.inputs.x}
              - {from: first.outputs.y, to: middle.inputs.x}
            """);

        var result = Run(pipeline, ("x", TestTensors.Vector(0f, 1f)));

        CallLog.Of(_log).Should().Equal("first", "middle", "last");
        pipeline.Nodes.Select(node => node.Name).Should().Equal("first", "middle", "last");
        TestTensors.Values(result.Outputs["last.y"]).Should().Equal(111f, 112f);
    }

    [Fact]
    public void Run_IndependentNodes_RunInDocumentOrder()
    {
        var pipeline = BuildValid($$$"""
            nodes:
              - {name: c, class: AddNode, params: {log: {{{_log}}}, label: c}}
              - {name: a, class: AddNode, params: {log: {{{_log}}}, label: a}}
              - {name: b, class: AddNode, params: {log: {{{_log}}}, label: b}}
            """);

        Run(pipeline, ("x", TestTensors.Vector(1f)));

        CallLog.Of(_log).Should().Equal("c", "a", "b");
    }

    [Fact]
    public void Run_OneBatchTensor_FeedsEveryUnconnectedPortOfThatName()
    {
        var pipeline = BuildValid("""
            nodes:
              - {name: plain, class: MaskedMeanNode}
              - {name: wide, class: WideInputNode}
            """);

        var result = Run(pipeline, ("cube", TestTensors.Cube(2, 2, 3)));

        pipeline.Inputs.Select(port => port.Key).Should().Equal("plain.cube", "plain.mask", "wide.cube");
        TestTensors.Scalar(result.Outputs["plain.mean"]).Should().Be(5.5f);
        TestTensors.Scalar(result.Outputs["wide.mean"]).Should().Be(5.5f);
    }

    [Fact]
    public void Run_FullKeyInput_WinsOverThePortName()
    {
        var pipeline = BuildValid("nodes: [{name: a, class: AddNode, params: {delta: 0}}, {name: b, class: AddNode, params: {delta: 0}}]");

        var result = Run(pipeline, ("x", TestTensors.Vector(1f)), ("b.x", TestTensors.Vector(2f)));

        TestTensors.Values(result.Outputs["a.y"]).Should().Equal(1f);
        TestTensors.Values(result.Outputs["b.y"]).Should().Equal(2f);
    }

    [Fact]
    public void Run_OptionalInputNotGiven_IsAbsentForTheNode()
    {
        var pipeline = BuildValid($"nodes: [{{name: m, class: MaskedMeanNode, params: {{log: {_log}}}}}]");

        Run(pipeline, ("cube", TestTensors.Cube(1, 2, 1)));
        Run(pipeline, ("cube", TestTensors.Cube(1, 2, 1)), ("mask", Tensor.FromArray([true, false], 1, 1, 2)));

        CallLog.Of(_log).Should().Equal("no mask", "mask");
        pipeline.Inputs.Single(port => port.Port == "mask").Required.Should().BeFalse();
    }

    [Fact]
    public void Run_UnusedBatchTensors_AreIgnored()
    {
        var pipeline = BuildValid("nodes: [{name: a, class: AddNode}]");

        var result = Run(pipeline, ("x", TestTensors.Vector(1f)), ("wavelengths", TestTensors.Vector(400f, 500f)));

        result.Outputs.Keys.Should().Equal("a.y");
    }

    [Fact]
    public void Run_NoSelectors_ReturnsEveryOutputOfEveryNodeIncludingConsumedOnes()
    {
        var pipeline = BuildValid(Chain);

        var result = Run(pipeline, ("x", TestTensors.Vector(1f, 2f)));

        result.Outputs.Keys.Should().Equal("add.y", "sum.sum", "sum.count");
        pipeline.Outputs.Select(port => port.Key).Should().Equal("sum.sum", "sum.count");
    }

    [Fact]
    public void Run_FullKeySelector_ReturnsOnlyThatOutput()
    {
        var result = BuildValid(Chain).Run(Inputs(("x", TestTensors.Vector(1f))), ["sum.count"], CancellationToken.None);

        result.Outputs.Keys.Should().Equal("sum.count");
        result.Metrics.Keys.Should().Equal("sum.count");
    }

    [Fact]
    public void Run_BarePortSelector_SelectsThatPortOnEveryNode()
    {
        var pipeline = BuildValid("nodes: [{name: a, class: AddNode}, {name: b, class: AddNode}, {name: s, class: SumNode}]");

        var result = pipeline.Run(Inputs(("x", TestTensors.Vector(1f))), ["y"], CancellationToken.None);

        result.Outputs.Keys.Should().Equal("a.y", "b.y");
    }

    [Fact]
    public void Run_UnknownSelector_ThrowsNamingItBeforeAnyNodeRuns()
    {
        var pipeline = BuildValid($"nodes: [{{name: a, class: AddNode, params: {{log: {_log}, label: a}}}}]");

        var run = () => pipeline.Run(Inputs(("x", TestTensors.Vector(1f))), ["a.z", "mean"], CancellationToken.None);

        run.Should().Throw<PipelineInputException>()
            .Which.Message.Should().Contain("Unknown output selector 'a.z'").And.Contain("Unknown output selector 'mean'").And.Contain("Outputs: a.y");
        CallLog.Of(_log).Should().BeEmpty();
    }

    [Fact]
    public void Run_ScalarOutputs_AreAlsoMetrics()
    {
        var result = Run(BuildValid(Chain), ("x", TestTensors.Vector(1f, 2f)));

        result.Metrics.Should().BeEquivalentTo(new Dictionary<string, float> { ["sum.sum"] = 5f, ["sum.count"] = 2f });
        result.Outputs["sum.count"].DType.Should().Be(DType.Int64, "the tensor keeps its own dtype; only the metric is a float");
    }

    [Fact]
    public void Run_MissingRequiredInputs_ListsThemAllInOneMessageAndRunsNothing()
    {
        var pipeline = BuildValid($$$"""
            nodes:
              - {name: add, class: AddNode, params: {log: {{{_log}}}, label: add}}
              - {name: mean, class: MaskedMeanNode}
            """);

        var run = () => pipeline.Run(Inputs(), [], CancellationToken.None);

        run.Should().Throw<PipelineInputException>().Which.Message.Should().Be(
            "Missing required inputs: 'x' for node 'add' (Float32 [-1]), 'cube' for node 'mean' (Float32 [1, -1, -1, -1]). "
            + "Give each tensor under its port name.");
        CallLog.Of(_log).Should().BeEmpty();
    }

    [Fact]
    public void Run_WrongDType_NamesPortExpectedAndGot()
    {
        var pipeline = BuildValid("nodes: [{name: m, class: MaskedMeanNode}]");

        var run = () => Run(pipeline, ("cube", Tensor.Create<double>(1, 2, 2, 3)));

        run.Should().Throw<PipelineInputException>().Which.Message.Should()
            .Be("Input 'cube' does not fit m.cube: expected dtype Float32, got Tensor(Float64, [1, 2, 2, 3]).");
    }

    [Fact]
    public void Run_MaskAsUInt8InsteadOfBool_IsRejected()
    {
        var pipeline = BuildValid("nodes: [{name: m, class: MaskedMeanNode}]");

        var run = () => Run(pipeline, ("cube", TestTensors.Cube(2, 2, 1)), ("mask", Tensor.Create<byte>(1, 2, 2)));

        run.Should().Throw<PipelineInputException>().Which.Message.Should().Contain("m.mask: expected dtype Bool, got Tensor(UInt8, [1, 2, 2])");
    }

    [Fact]
    public void Run_WrongRankAndSize_NamePortAndShapes()
    {
        var pipeline = BuildValid("nodes: [{name: m, class: MaskedMeanNode}]");

        var run = () => Run(pipeline, ("cube", Tensor.Create<float>(2, 2, 3)), ("mask", Tensor.Create<bool>(2, 2, 2)));

        run.Should().Throw<PipelineInputException>().Which.Message.Should()
            .Contain("m.cube: expected rank 4 (shape [1, -1, -1, -1]), got Tensor(Float32, [2, 2, 3])")
            .And.Contain("m.mask: expected shape [1, -1, -1] (size 1 on axis 0), got Tensor(Bool, [2, 2, 2])");
    }

    [Fact]
    public void Run_NodeAcceptingMoreDTypes_TakesThemAndRejectsOthers()
    {
        var pipeline = BuildValid("nodes: [{name: wide, class: WideInputNode}]");
        var bytes = Tensor.FromArray(new byte[] { 2, 4 }, 1, 1, 2, 1);

        var mean = TestTensors.Scalar(Run(pipeline, ("cube", bytes)).Outputs["wide.mean"]);
        var run = () => Run(pipeline, ("cube", Tensor.Create<int>(1, 1, 1, 1)));

        mean.Should().Be(3f);
        run.Should().Throw<PipelineInputException>().Which.Message.Should().Contain("expected dtype any of Float32, UInt8, UInt16, got Tensor(Int32");
    }

    private const string Chain = """
        nodes:
          - {name: add, class: AddNode}
          - {name: sum, class: SumNode}
        connections:
          - {from: add.outputs.y, to: sum.inputs.x}
        """;

    private static PipelineRunResult Run(Pipeline pipeline, params (string Name, Tensor Tensor)[] inputs) =>
        pipeline.Run(Inputs(inputs), [], CancellationToken.None);

    private static Dictionary<string, Tensor> Inputs(params (string Name, Tensor Tensor)[] inputs) =>
        inputs.ToDictionary(input => input.Name, input => input.Tensor);
}
