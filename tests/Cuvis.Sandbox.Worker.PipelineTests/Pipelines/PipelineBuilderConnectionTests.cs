using Cuvis.Sandbox.Contracts;
using static Cuvis.Sandbox.Worker.PipelineTests.Infrastructure.TestPipelines;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines;

public sealed class PipelineBuilderConnectionTests
{
    [Fact]
    public void Build_SpecMultiPluginExample_ChainsDetectClassifyViz()
    {
        var pipeline = BuildValid("""
            nodes:
              - name: detect
                class: Detector  # from detector plugin
              - name: classify
                class: Classifier  # from classifier plugin
              - name: viz
                class: Visualizer  # from visualizer plugin
            connections:
              - from: detect.outputs.detections
                to: classify.inputs.objects
              - from: classify.outputs.classes
                to: viz.inputs.labels
            """);

        pipeline.Nodes.Select(node => node.Name).Should().Equal("detect", "classify", "viz");
        pipeline.Inputs.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Key = "detect.cube", Required = true });
        pipeline.Outputs.Select(port => port.Key).Should().Equal("viz.colors", "viz.labelled");
        pipeline.Connections.Select(connection => $"{connection.From} -> {connection.To}")
            .Should().Equal("detect.detections -> classify.objects", "classify.classes -> viz.labels");
    }

    [Theory]
    [InlineData("from: a.y", "to: b.inputs.x", "bad connection syntax 'from: a.y'; expected 'from: <node>.outputs.<port>'")]
    [InlineData("from: a.inputs.x", "to: b.inputs.x", "bad connection syntax 'from: a.inputs.x'")]
    [InlineData("from: a.outputs.y", "to: b.x", "bad connection syntax 'to: b.x'; expected 'to: <node>.inputs.<port>'")]
    [InlineData("from: a.outputs.y", "to: b.inputs.x.extra", "bad connection syntax 'to: b.inputs.x.extra'")]
    [InlineData("from: a.outputs.y", "to: ' b.inputs.x'", "bad connection syntax 'to:  b.inputs.x'")]
    public void Build_BadConnectionSyntax_ShowsTheText(string from, string to, string expected)
    {
        var problems = Problems(TwoAdders($"{from}, {to}"));

        problems.Should().ContainSingle().Which.Should().Contain(expected);
    }

    [Fact]
    public void Build_ConnectionMissingTo_Reported()
    {
        var problems = Problems(TwoAdders("from: a.outputs.y"));

        problems.Should().ContainSingle().Which.Should().Contain("connections[0]: 'to' is missing");
    }

    [Fact]
    public void Build_UnknownNode_NamesItAndTheNodes()
    {
        var problems = Problems(TwoAdders("from: c.outputs.y, to: b.inputs.x"));

        problems.Should().ContainSingle().Which.Should()
            .Be("connection c.outputs.y -> b.inputs.x: unknown node 'c'; nodes: a, b.");
    }

    [Fact]
    public void Build_UnknownPorts_NameNodePortAndDeclaredPorts()
    {
        var problems = Problems(TwoAdders("from: a.outputs.out, to: b.inputs.in"));

        problems.Should().BeEquivalentTo(
            "connection a.outputs.out -> b.inputs.in: node 'a' (AddNode) has no output port 'out'; its outputs: y.",
            "connection a.outputs.out -> b.inputs.in: node 'b' (AddNode) has no input port 'in'; its inputs: x, bias.");
    }

    [Fact]
    public void Build_InputFedTwice_NamesTheInputAndBothSources()
    {
        var problems = Problems("""
            nodes:
              - {name: a, class: AddNode}
              - {name: b, class: AddNode}
              - {name: c, class: AddNode}
            connections:
              - {from: a.outputs.y, to: c.inputs.x}
              - {from: b.outputs.y, to: c.inputs.x}
            """);

        problems.Should().ContainSingle().Which.Should().Contain("input 'c.x' is fed twice: by 'a.y' and by 'b.y'");
    }

    [Fact]
    public void Build_Cycle_ListsTheNodesInTheCycle()
    {
        var problems = Problems("""
            nodes:
              - {name: start, class: AddNode}
              - {name: c, class: AddNode}
              - {name: a, class: AddNode}
              - {name: b, class: AddNode}
            connections:
              - {from: start.outputs.y, to: a.inputs.x}
              - {from: a.outputs.y, to: b.inputs.x}
              - {from: b.outputs.y, to: c.inputs.x}
              - {from: c.outputs.y, to: a.inputs.bias}
            """);

        problems.Should().ContainSingle().Which.Should().Be("connections form a cycle: c -> a -> b -> c; a pipeline must be acyclic.");
    }

    [Fact]
    public void Build_SelfLoop_IsACycle()
    {
        var problems = Problems(TwoAdders("from: a.outputs.y, to: a.inputs.bias"));

        problems.Should().ContainSingle().Which.Should().Contain("connections form a cycle: a -> a");
    }

    [Fact]
    public void Build_DTypeMismatch_NamesBothEndsAndBothDTypes()
    {
        var problems = Problems(Connect("FixedSourceNode", "features", "IntSinkNode", "features"));

        problems.Should().ContainSingle().Which.Should()
            .Contain("dtype mismatch: 'src.features' produces Float32 but 'dst.features' accepts Int32");
    }

    [Fact]
    public void Build_RankMismatch_NamesBothShapes()
    {
        var problems = Problems(Connect("FixedSourceNode", "features", "Rank3SinkNode", "features"));

        problems.Should().ContainSingle().Which.Should()
            .Contain("rank mismatch: 'src.features' has shape [1, 8] (rank 2) but 'dst.features' expects [-1, -1, -1] (rank 3)");
    }

    [Fact]
    public void Build_FixedSizeMismatch_NamesTheAxis()
    {
        var problems = Problems(Connect("FixedSourceNode", "features", "FixedSinkNode", "features"));

        problems.Should().ContainSingle().Which.Should()
            .Contain("size mismatch on axis 1: 'src.features' has shape [1, 8] but 'dst.features' expects [1, 4]");
    }

    [Fact]
    public void Build_AnySizeMeetsFixedSize_IsAccepted()
    {
        var pipeline = BuildValid(Connect("AddNode", "y", "FourSinkNode", "x"));

        pipeline.Inputs.Select(port => port.Key).Should().Equal("src.x", "src.bias");
    }

    [Fact]
    public void Build_NodeAcceptingMoreDTypes_TakesAWidenedDType()
    {
        var pipeline = BuildValid(Connect("CubeSourceNode", "cube", "WideInputNode", "cube"));

        pipeline.Nodes.Single(node => node.Name == "dst").AcceptedDTypes("cube")
            .Should().BeEquivalentTo([DType.UInt16, DType.UInt8, DType.Float32]);
    }

    [Fact]
    public void Build_NodeAcceptingMoreDTypes_StillRejectsOthers()
    {
        var problems = Problems(Connect("SumNode", "count", "WideInputNode", "cube"));

        problems.Should().Contain(p => p.Contains(
            "dtype mismatch: 'src.count' produces Int64 but 'dst.cube' accepts any of Float32, UInt8, UInt16", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ScalarOutputIntoATensorInput_IsARankMismatch()
    {
        var problems = Problems(Connect("SumNode", "sum", "WideInputNode", "cube"));

        problems.Should().ContainSingle().Which.Should()
            .Contain("rank mismatch: 'src.sum' has shape [] (rank 0) but 'dst.cube' expects [-1, -1, -1, -1] (rank 4)");
    }

    [Fact]
    public void Build_ConnectionToNodeThatFailedItself_IsNotReportedAgain()
    {
        var problems = Problems("""
            nodes:
              - {name: a, class: AddNode}
              - {name: b, class: Nope}
            connections:
              - {from: a.outputs.y, to: b.inputs.x}
            """);

        problems.Should().ContainSingle().Which.Should().Contain("node 'b': unknown class 'Nope'");
    }

    private static string TwoAdders(string connection) => $$"""
        nodes:
          - {name: a, class: AddNode}
          - {name: b, class: AddNode}
        connections:
          - {{{connection}}}
        """;

    private static string Connect(string fromClass, string fromPort, string toClass, string toPort) => $$"""
        nodes:
          - {name: src, class: {{fromClass}}}
          - {name: dst, class: {{toClass}}}
        connections:
          - {from: src.outputs.{{fromPort}}, to: dst.inputs.{{toPort}}}
        """;
}
