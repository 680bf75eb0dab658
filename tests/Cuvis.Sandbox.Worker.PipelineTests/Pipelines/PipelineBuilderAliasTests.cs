using System.Text;
using Cuvis.Sandbox.Worker.PipelineTests.TestNodes;
using static Cuvis.Sandbox.Worker.PipelineTests.Infrastructure.TestPipelines;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines;

/// <summary>YAML anchors and aliases: shared values work, alias bombs and values containing themselves are refused before they are built.</summary>
public sealed class PipelineBuilderAliasTests
{
    [Fact]
    public void Build_AliasedParams_AreSharedLikeWrittenOutValues()
    {
        var pipeline = BuildValid("""
            nodes:
              - {name: a, class: ParamsNode, params: &shared {bandA: 1.5, count: 2, bands: &bands [1, 2, 3]}}
              - {name: b, class: ParamsNode, params: *shared}
              - {name: c, class: ParamsNode, params: {bandA: 0, count: 1, bands: *bands}}
            """);

        pipeline.Nodes.Select(n => ((ParamsNode)n.Instance).Bands).Should().AllSatisfy(b => b.Should().Equal(1, 2, 3));
        ((ParamsNode)pipeline.Nodes[1].Instance).BandA.Should().Be(1.5f);
    }

    [Fact]
    public void Build_BillionLaughsAsAValue_IsRefusedNamingWhy()
    {
        Problems(Laughs() + "nodes: [{name: a, class: ParamsNode, params: {bandA: 1, count: 1, bands: *a9}}]\n")
            .Should().ContainSingle().Which.Should().StartWith("The pipeline document holds more than 100,000 values, counting each alias as the values it repeats")
            .And.Contain("alias bombs are refused");
    }

    [Fact]
    public async Task Build_BillionLaughsAsAMappingKey_IsRefusedBeforeYamlDotNetHashesIt()
    {
        // Hashing the key walks the expanded value: some 10^9 steps, minutes of a worker's CPU.
        var problems = await Task.Run(() => Problems(Laughs() + "? *a9\n: 1\nnodes: [{name: a, class: AddNode}]\n"))
            .WaitAsync(TimeSpan.FromSeconds(30));

        problems.Should().ContainSingle().Which.Should().Contain("alias bombs are refused");
    }

    [Theory]
    [InlineData("? &k [*k]\n: 1\nnodes: [{name: a, class: AddNode}]\n", "*k at line 1, column ")]
    [InlineData("? &k {a: *k}\n: 1\nnodes: [{name: a, class: AddNode}]\n", "*k at line 1, column ")]
    [InlineData("nodes: &n [*n]\n", "*n at line 1, column ")]
    [InlineData("nodes: [{name: a, class: ParamsNode, params: &p {bandA: 1, count: 1, bands: *p}}]\n", "*p at line 1")]
    public void Build_AnchorUsedInsideItself_IsRefusedInsteadOfOverflowingTheStack(string document, string where)
    {
        // As a mapping key, YamlDotNet hashed such a node forever: a stack overflow ends the worker.
        Problems(document).Should().ContainSingle().Which.Should().Contain($"alias {where}").And.Contain("would contain itself");
    }

    [Fact]
    public void Build_AnchorRedefinedAfterUse_AliasesTheLatestDefinition()
    {
        var pipeline = BuildValid("""
            nodes:
              - name: a
                class: ParamsNode
                params:
                  bandA: &v 1
                  count: *v
              - name: b
                class: ParamsNode
                params:
                  bandA: &v 2
                  count: *v
            """);

        pipeline.Nodes.Select(n => ((ParamsNode)n.Instance).Count).Should().Equal(1, 2);
    }

    [Fact]
    public void Build_DocumentOverSixteenMebibytes_IsRefusedUndecoded()
    {
        var document = Encoding.UTF8.GetBytes("nodes: [{name: a, class: AddNode}]\n# " + new string('x', 16 * 1024 * 1024));

        var result = CreateBuilder().Build(document);

        result.Pipeline.Should().BeNull();
        result.Problems.Should().ContainSingle().Which.Should().StartWith("The pipeline document is 16 MiB, more than the 16 MiB a pipeline document may be");
    }

    /// <summary>Ten anchors, each a list of nine aliases to the one before: a few hundred bytes that expand to 9^9 values.</summary>
    private static string Laughs()
    {
        var text = new StringBuilder("l0: &a0 [lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            text.Append($"l{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        }

        return text.ToString();
    }
}
