using System.Text;
using Cuvis.Sandbox.Tests.Shared;
using Cuvis.Sandbox.Worker.Pipelines;
using static Cuvis.Sandbox.Worker.PipelineTests.Infrastructure.TestPipelines;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines;

/// <summary>
/// YAML documents that used to take the worker down, hang it, or cost memory by the attacker's
/// choice (found by the property tests), each now refused with a problem saying why. Every
/// build here runs bounded, so a regression fails instead of stalling the suite.
/// </summary>
public sealed class PipelineBuilderHostileDocumentTests
{
    // Before: YamlDotNet hashed the key while loading, recursing through itself until the stack overflowed.
    [Theory]
    [InlineData("? &a [*a]\n: 1", "list")]
    [InlineData("nodes: [{name: a, class: AddNode, params: {? &k {x: *k} : 1}}]", "mapping")]
    public void Build_KeyThatContainsItself_IsRefused(string document, string kind) =>
        BoundedProblems(document).Should().ContainSingle().Which.Should().Be(
            $"The pipeline document has a {kind} as a mapping key at line 1; keys are names (plain text).");

    [Theory]
    [InlineData("nodes: &x [*x]")]
    [InlineData("metadata: &m {tags: [*m]}")]
    public void Build_ValueThatContainsItself_IsRefusedAsACycle(string document) =>
        BoundedProblems(document).Should().ContainSingle().Which.Should().EndWith("refers to a node that contains it; a pipeline document cannot hold a cycle.");

    // Before: a stack overflow hashing the key, 60 levels per alias, 3000 aliases deep.
    [Fact]
    public void Build_KeyNestingThousandsDeepThroughAliases_IsRefused()
    {
        var document = new StringBuilder("defs:\n  x0: &d0 [[]]\n");
        for (var link = 1; link < 3000; link++)
        {
            document.Append($"  x{link}: &d{link} [[[*d{link - 1}]]]\n");
        }

        BoundedProblems(document.Append("? *d2999\n: 1\n").ToString()).Should().ContainSingle().Which.Should().Be(
            "The pipeline document nests deeper than 64 levels through the alias *d20 at line 23.");
    }

    [Fact]
    public void Build_ValueNestingDeeperThanTheLimitThroughAliases_IsRefused()
    {
        var document = "defs:\n  x0: &d0 " + new string('[', 40) + new string(']', 40) + "\n  x1: &d1 " + new string('[', 40) + "*d0" + new string(']', 40) + "\nnodes: *d1";

        BoundedProblems(document).Should().ContainSingle().Which.Should().Be(
            "The pipeline document nests deeper than 64 levels through the alias *d0 at line 3.");
    }

    // Before: hashing an alias bomb used as a key ran for minutes and allocated by the expansion.
    [Theory]
    [InlineData("? *a8\n: 1")]
    [InlineData("nodes: *a8")]
    [InlineData("metadata: {tags: *a8}")]
    [InlineData("nodes: [{name: p, class: ParamsNode, params: {bandA: 1, count: 2, bands: *a8}}]")]
    public void Build_AliasBomb_IsRefusedWithoutExpandingIt(string use)
    {
        var document = new StringBuilder("defs:\n  x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level < 9; level++)
        {
            document.Append($"  x{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))}]\n");
        }

        var problems = BoundedProblems(document.Append(use).ToString());

        problems.Should().ContainSingle().Which.Should().MatchRegex(
            @"^(The pipeline document's aliases expand it to more than \d+ characters of content at \*a\d \(line \d+\), 4 times its \d+ characters plus 16384; write repeated parts out instead of aliasing them\.|The pipeline document's alias \*a8 at line 10 makes a list or mapping a mapping key; keys are names \(plain text\)\.)$");
    }

    [Theory]
    [InlineData("? [a, b]\n: 1", "list")]
    [InlineData("nodes: [{? {name: a} : 1}]", "mapping")]
    public void Build_ListOrMappingAsAKey_IsRefused(string document, string kind) =>
        BoundedProblems(document).Should().ContainSingle().Which.Should().Be(
            $"The pipeline document has a {kind} as a mapping key at line 1; keys are names (plain text).");

    // Before: every node reported its problems, however many; the client got them all in one message.
    [Fact]
    public void Build_AThousandBadNodes_ListsAHundredProblemsAndCountsTheRest()
    {
        var problems = BoundedProblems("nodes:\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => $"  - {{name: n{i}, class: NoSuchNode, extra: 1}}\n")));

        problems.Should().HaveCount(PipelineProblems.MaxListed + 1);
        problems[^1].Should().Be("... and 1900 more problems; fix the ones above first.");
    }

    // Before: each problem listed every node of the document, sorted: quadratic time and memory.
    [Fact]
    public void Build_ThousandsOfConnectionsFromAnUnknownNode_NamesAFewNodesInEachProblem()
    {
        const int Nodes = 2500;
        var problems = BoundedProblems(
            "nodes:\n" + string.Concat(Enumerable.Range(0, Nodes).Select(i => $"  - {{name: n{i}, class: AddNode}}\n"))
            + "connections:\n" + string.Concat(Enumerable.Range(1, Nodes - 1).Select(i => $"  - {{from: zz.outputs.y, to: n{i}.inputs.x}}\n")));

        problems[0].Should().Be(
            "connection zz.outputs.y -> n1.inputs.x: unknown node 'zz'; nodes: n0, n1, n10, n100, n1000, n1001, n1002, n1003, n1004, n1005, "
            + "n1006, n1007, n1008, n1009, n101, n1010, n1011, n1012, n1013, n1014 and 2480 more.");
        problems.Should().HaveCount(PipelineProblems.MaxListed + 1).And.EndWith("... and 2399 more problems; fix the ones above first.");
    }

    [Fact]
    public void Build_AliasesThatRepeatValues_StillBuild()
    {
        var pipeline = BuildValid("""
            nodes:
              - name: p
                class: ParamsNode
                params:
                  bandA: &v 1.5
                  count: 2
                  scale: *v
                  bands: &b [1, 2, 3]
              - name: q
                class: ParamsNode
                params:
                  bandA: *v
                  count: 3
                  bands: *b
            """);

        pipeline.Nodes.Should().HaveCount(2);
    }

    private static IReadOnlyList<string> BoundedProblems(string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        var run = BoundedParse.Run(() => Build(document)).AllocatedWithin(bytes.Length, fixedBytes: 2 * 1024 * 1024, bytesPerInputByte: 400);
        run.Exception.Should().BeNull();
        run.Value!.Pipeline.Should().BeNull();
        return run.Value!.Lines;
    }
}
