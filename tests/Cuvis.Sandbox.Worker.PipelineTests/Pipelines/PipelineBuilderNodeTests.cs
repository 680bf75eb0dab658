using System.Text;
using Cuvis.Sandbox.Worker.PipelineTests.TestNodes;
using static Cuvis.Sandbox.Worker.PipelineTests.Infrastructure.TestPipelines;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines;

public sealed class PipelineBuilderNodeTests
{
    [Fact]
    public void Build_DuplicateNodeName_NamesTheNode()
    {
        var problems = Problems("""
            nodes:
              - {name: twin, class: AddNode}
              - {name: twin, class: SumNode}
            """);

        problems.Should().ContainSingle().Which.Should().Contain("duplicate node name 'twin'");
    }

    [Theory]
    [InlineData("1st")]
    [InlineData("a-b")]
    [InlineData("a.b")]
    public void Build_NodeNameNotAnIdentifier_NamesTheName(string name)
    {
        var problems = Problems($"nodes: [{{name: '{name}', class: AddNode}}]");

        problems.Should().ContainSingle().Which.Should().Contain($"node name '{name}' is not an identifier");
    }

    [Fact]
    public void Build_NodeWithoutNameOrClass_ReportsBoth()
    {
        var problems = Problems("""
            nodes:
              - class: AddNode
              - name: b
            """);

        problems.Should().BeEquivalentTo(
            "nodes[0]: 'name' is missing; every node needs a unique name.",
            "node 'b': 'class' is missing; give the node class's short or full name.");
    }

    [Fact]
    public void Build_UnknownNodeKey_NamesNodeAndKey()
    {
        var problems = Problems("nodes: [{name: a, class: AddNode, param: {delta: 1}}]");

        problems.Should().ContainSingle().Which.Should().Contain("node 'a': unknown key 'param'");
    }

    [Fact]
    public void Build_ParamsNotAMapping_Reported()
    {
        var problems = Problems("nodes: [{name: a, class: AddNode, params: [1, 2]}]");

        problems.Should().ContainSingle().Which.Should().Contain("node 'a': 'params' must be a mapping");
    }

    [Fact]
    public void Build_ShortAndFullClassNames_ResolveToTheSameClass()
    {
        var pipeline = BuildValid($"""
            nodes:
              - {"{"}name: short, class: AddNode{"}"}
              - {"{"}name: full, class: {typeof(AddNode).FullName}{"}"}
            """);

        pipeline.Nodes.Select(node => node.Descriptor.Type).Should().Equal(typeof(AddNode), typeof(AddNode));
    }

    [Fact]
    public void Build_AmbiguousShortName_ListsEveryCandidateFullName()
    {
        var problems = Problems("nodes: [{name: d, class: DupNode}]");

        problems.Should().ContainSingle().Which.Should()
            .Contain("node 'd': class 'DupNode' is ambiguous")
            .And.Contain(typeof(TestNodes.Alpha.DupNode).FullName)
            .And.Contain(typeof(TestNodes.Beta.DupNode).FullName);
    }

    [Fact]
    public void Build_AmbiguousShortNameGivenInFull_Resolves()
    {
        var pipeline = BuildValid($"nodes: [{{name: d, class: {typeof(TestNodes.Beta.DupNode).FullName}}}]");

        pipeline.Nodes[0].Descriptor.Type.Should().Be<TestNodes.Beta.DupNode>();
    }

    [Theory]
    [InlineData("AdNode", "'AddNode'")]
    [InlineData("addnode", "'AddNode'")]
    [InlineData("Cuvis.Sandbox.Worker.PipelineTests.TestNodes.SumNod", "'Cuvis.Sandbox.Worker.PipelineTests.TestNodes.SumNode'")]
    public void Build_UnknownClass_SuggestsClosestNames(string className, string suggestion)
    {
        var problems = Problems($"nodes: [{{name: n, class: {className}}}]");

        problems.Should().ContainSingle().Which.Should()
            .Contain($"node 'n': unknown class '{className}'")
            .And.Contain($"Did you mean {suggestion}");
    }

    [Fact]
    public void Build_UnknownClassNothingClose_SaysWhereToLook()
    {
        var problems = Problems("nodes: [{name: n, class: HyperspectralSegmenter}]");

        problems.Should().ContainSingle().Which.Should()
            .Contain("unknown class 'HyperspectralSegmenter'")
            .And.Contain("ListAvailableNodes");
    }

    [Fact]
    public void Build_EmptyCatalog_SaysToLoadAPlugin()
    {
        var result = CreateBuilder(nodeTypes: []).Build(Encoding.UTF8.GetBytes("nodes: [{name: n, class: Detector}]"));

        result.Problems.Should().ContainSingle().Which.Description.Should()
            .Contain("unknown class 'Detector'")
            .And.Contain("load the plugin");
    }

    [Fact]
    public void Build_FewClassesNoneClose_ListsThem()
    {
        var result = CreateBuilder(nodeTypes: [typeof(AddNode), typeof(SumNode)]).Build(Encoding.UTF8.GetBytes("nodes: [{name: n, class: Detector}]"));

        result.Problems.Should().ContainSingle().Which.Description.Should()
            .Contain($"Available classes: {typeof(AddNode).FullName}, {typeof(SumNode).FullName}.");
    }
}
