using System.Text;
using Cuvis.Sandbox.Worker.Pipelines;
using static Cuvis.Sandbox.Worker.PipelineTests.Infrastructure.TestPipelines;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines;

/// <summary>Every problem names the field at fault: its path in the document, or the request field for the document as a whole.</summary>
public sealed class PipelineBuilderFieldTests
{
    private const string TwoAdders = "nodes: [{name: a, class: AddNode}, {name: b, class: AddNode}]\n";

    public static TheoryData<string, string[]> BadDocuments => new()
    {
        // The document as a whole.
        { "nodes:\n  - name: a\n    class: AddNode: SumNode\n", ["config.config_bytes"] },
        { "nodes: [{name: a, class: AddNode", ["config.config_bytes"] },
        { "", ["config.config_bytes"] },
        { "nodes: [{name: a, class: AddNode}]\n---\nnodes: []\n", ["config.config_bytes"] },
        { "[1, 2]", ["config.config_bytes"] },
        { "? [a, b]\n: 1", ["config.config_bytes"] },
        // Top level and metadata.
        { "pipelines: []\n" + TwoAdders, ["pipelines"] },
        { "~: 1\n" + TwoAdders, ["config.config_bytes"] },
        { "metadata: [x]\n" + TwoAdders, ["metadata"] },
        { "metadata: {owner: me, name: [x], tags: 3}\n" + TwoAdders, ["metadata.owner", "metadata.name", "metadata.tags"] },
        { "connections: []", ["nodes"] },
        { "nodes: []", ["nodes"] },
        // Nodes: named by position, whatever their name.
        { "nodes: [{name: a, class: AddNode}, 5]", ["nodes[1]"] },
        { "nodes: [{name: a, class: AddNode, extra: 1}]", ["nodes[0].extra"] },
        { "nodes: [{class: AddNode}, {name: 1x, class: AddNode}, {name: [a], class: AddNode}]", ["nodes[0].name", "nodes[1].name", "nodes[2].name"] },
        { "nodes: [{name: a, class: AddNode}, {name: a, class: AddNode}]", ["nodes[1].name"] },
        { "nodes: [{name: a}, {name: b, class: [AddNode]}]", ["nodes[0].class", "nodes[1].class"] },
        { "nodes: [{name: a, class: AddNode}, {name: rx, class: Nope}]", ["nodes[1].class"] },
        { "nodes: [{name: d, class: DupNode}]", ["nodes[0].class"] },
        { "nodes: [{name: a, class: AddNode, params: [1]}]", ["nodes[0].params"] },
        // Params: the key as the document spells it; a required one missing is the params'.
        { "nodes: [{name: a, class: AddNode, params: {delta: 1, bogus: 2}}]", ["nodes[0].params.bogus"] },
        { "nodes: [{name: a, class: AddNode, params: {~: 1, '': 2}}]", ["nodes[0].params", "nodes[0].params"] },
        { "nodes: [{name: a, class: AddNode}, {name: p, class: ParamsNode, params: {band_a: abc, count: 2}}]", ["nodes[1].params.band_a"] },
        { "nodes: [{name: p, class: ParamsNode, params: {bandA: 1, band_a: 2, count: 2}}]", ["nodes[0].params.band_a"] },
        { "nodes: [{name: p, class: ParamsNode, params: {bandA: 1.5}}]", ["nodes[0].params"] },
        // Constructors: the param an ArgumentException names, else the node.
        { "nodes: [{name: v, class: ValidatingNode, params: {threshold: 5}}]", ["nodes[0].params.threshold"] },
        { "nodes: [{name: a, class: AddNode}, {name: boom, class: ExplodingConstructorNode}]", ["nodes[1]"] },
        // Connections.
        { TwoAdders + "connections: {from: a.outputs.y}", ["connections"] },
        { TwoAdders + "connections: [5]", ["connections[0]"] },
        { TwoAdders + "connections: [{from: a.outputs.y, to: b.inputs.x, via: c}]", ["connections[0].via"] },
        { TwoAdders + "connections: [{from: a.outputs.y}, {to: b.inputs.x}, {from: [a], to: b.inputs.x}]", ["connections[0].to", "connections[1].from", "connections[2].from"] },
        { TwoAdders + "connections: [{from: a.y, to: b.inputs.x}, {from: a.outputs.y, to: b.x}]", ["connections[0].from", "connections[1].to"] },
        { TwoAdders + "connections: [{from: a.outputs.y, to: zz.inputs.x}, {from: zz.outputs.y, to: b.inputs.x}]", ["connections[0].to", "connections[1].from"] },
        { TwoAdders + "connections: [{from: a.outputs.nope, to: b.inputs.x}, {from: a.outputs.y, to: b.inputs.nope}]", ["connections[0].from", "connections[1].to"] },
        { TwoAdders + "connections: [{from: a.outputs.y, to: b.inputs.x}, {from: b.outputs.y, to: a.inputs.x}]", ["connections"] },
        { TwoAdders + "connections: [{from: a.outputs.y, to: b.inputs.x}, {from: a.outputs.y, to: b.inputs.bias}, {from: a.outputs.y, to: b.inputs.x}]", ["connections[2].to"] },
        { "nodes: [{name: src, class: FixedSourceNode}, {name: dst, class: IntSinkNode}]\nconnections: [{from: src.outputs.features, to: dst.inputs.features}]", ["connections[0]"] },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void Build_BadDocument_NamesTheFieldOfEachProblem(string document, string[] fields)
    {
        var result = Rejected(document);

        result.Problems.Select(problem => problem.Field).Should().Equal(fields, string.Join(" | ", result.Lines));
    }

    [Fact]
    public void Build_DocumentNotUtf8_NamesTheRequestField() =>
        CreateBuilder().Build(new byte[] { (byte)'a', 0xC3, 0x28 }).Problems.Should().ContainSingle()
            .Which.Field.Should().Be(ProblemFields.Document);

    [Fact]
    public void Build_SeveralProblems_EachLineIsItsProblemsDescription()
    {
        var result = Rejected(TwoAdders.Replace("class: AddNode}]", "class: Nope}]", StringComparison.Ordinal)
            + "extra: 1\nconnections: [{from: a.outputs.y, to: zz.inputs.x}]");

        result.Problems.Select(problem => problem.Field).Should().Equal("extra", "nodes[1].class", "connections[0].to");
        result.Lines.Should().Equal(result.Problems.Select(problem => problem.Description));
        result.Lines[1].Should().StartWith("node 'b': unknown class 'Nope'", "the message names the node by name; the field, by position");
    }

    [Fact]
    public void Build_150BadNodes_ListsAHundredProblemsEachWithItsFieldAndCountsTheRest()
    {
        var document = "nodes:\n" + string.Concat(Enumerable.Range(0, 150).Select(i => $"  - {{name: n{i}, class: NoSuchNode}}\n"));

        var result = CreateBuilder().Build(Encoding.UTF8.GetBytes(document));

        result.Problems.Should().HaveCount(PipelineProblems.MaxListed);
        result.Problems.Select(problem => problem.Field).Should().Equal(Enumerable.Range(0, PipelineProblems.MaxListed).Select(i => $"nodes[{i}].class"));
        result.UnlistedProblems.Should().Be(50);
        result.Lines.Should().HaveCount(PipelineProblems.MaxListed + 1)
            .And.EndWith("... and 50 more problems; fix the ones above first.");
        result.Lines.SkipLast(1).Should().Equal(result.Problems.Select(problem => problem.Description));
    }
}
