using System.Text;
using Cuvis.Sandbox.Worker.PipelineTests.Infrastructure;
using Microsoft.Extensions.Logging;
using static Cuvis.Sandbox.Worker.PipelineTests.Infrastructure.TestPipelines;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines;

public sealed class PipelineBuilderDocumentTests
{
    [Fact]
    public void Build_YamlDocument_BuildsPipelineWithMetadata()
    {
        var pipeline = BuildValid("""
            metadata:
              name: Detection Pipeline
              description: finds things
              created: "2025-01-31"
              tags: [hsi, demo]
              author: Ada
              cuvis_ai_version: 0.3.1
            nodes:
              - name: add
                class: AddNode
            connections: []
            """);

        pipeline.Metadata.Should().BeEquivalentTo(new
        {
            Name = "Detection Pipeline",
            Description = "finds things",
            Created = "2025-01-31",
            CuvisAiVersion = "0.3.1",
            Tags = new[] { "hsi", "demo" },
            Author = "Ada",
        });
        pipeline.Nodes.Select(node => node.Name).Should().Equal("add");
    }

    [Fact]
    public void Build_JsonDocument_BuildsPipeline()
    {
        var pipeline = BuildValid("""{"nodes":[{"name":"a","class":"AddNode","params":{"delta":2.5}}],"connections":[]}""");

        pipeline.Inputs.Select(port => port.Key).Should().Equal("a.x", "a.bias");
        pipeline.Outputs.Select(port => port.Key).Should().Equal("a.y");
        pipeline.Metadata.Name.Should().BeEmpty();
    }

    [Fact]
    public void Build_SameDocumentTwice_GivesEachBuildItsOwnHexId()
    {
        const string Document = "nodes: [{name: a, class: AddNode}]";

        var first = BuildValid(Document);
        var second = BuildValid(Document);

        first.Id.Should().MatchRegex("^[0-9a-f]{32}$");
        second.Id.Should().NotBe(first.Id);
        second.Nodes[0].Instance.Should().NotBeSameAs(first.Nodes[0].Instance);
    }

    [Fact]
    public void Build_SyntaxError_ReportsOneProblemWithLineAndColumn()
    {
        var problems = Problems("""
            nodes:
              - name: a
                class: AddNode: SumNode
            connections: []
            """);

        problems.Should().ContainSingle().Which.Should().StartWith("YAML syntax error at line 3, column ")
            .And.NotContain("Idx:", "the position is stated once, in words");
    }

    [Fact]
    public void Build_TruncatedFlowSequence_ReportsSyntaxErrorInsteadOfThrowing()
    {
        // YamlDotNet's scanner throws InvalidOperationException here rather than a YamlException.
        var problems = Problems("""
            nodes:
              - name: a
                class: [AddNode
            connections: []
            """);

        problems.Should().ContainSingle().Which.Should().StartWith("YAML syntax error after line 3, column ");
    }

    [Fact]
    public void Build_DuplicateKey_ReportsSyntaxError()
    {
        var problems = Problems("""
            nodes:
              - name: a
                class: AddNode
                class: SumNode
            """);

        problems.Should().ContainSingle().Which.Should().Contain("line 4");
    }

    [Fact]
    public void Build_UnknownTopLevelKey_NamesTheKey()
    {
        var problems = Problems("""
            nodes:
              - name: a
                class: AddNode
            conections: []
            """);

        problems.Should().ContainSingle().Which.Should().Contain("Unknown top-level key 'conections'");
    }

    [Fact]
    public void Build_UnknownMetadataKey_NamesTheKey()
    {
        var problems = Problems("""
            metadata:
              title: x
            nodes: [{name: a, class: AddNode}]
            """);

        problems.Should().ContainSingle().Which.Should().Contain("Unknown metadata key 'title'");
    }

    [Fact]
    public void Build_TagsNotStrings_Reported()
    {
        var problems = Problems("""
            metadata:
              tags: {a: b}
            nodes: [{name: a, class: AddNode}]
            """);

        problems.Should().ContainSingle().Which.Should().Contain("metadata 'tags' must be a list of strings");
    }

    [Theory]
    [InlineData("metadata: {name: x}", "'nodes' is required")]
    [InlineData("nodes: []", "'nodes' must be a non-empty list")]
    [InlineData("nodes: {a: AddNode}", "'nodes' must be a non-empty list")]
    [InlineData("- nodes", "must be a mapping with 'nodes'")]
    [InlineData("", "empty")]
    [InlineData("# only a comment", "empty")]
    [InlineData("a: 1\n---\nb: 2", "2 YAML documents")]
    [InlineData("nodes: [{name: a, class: AddNode}]\nconnections: {from: x}", "'connections' must be a list")]
    public void Build_WrongDocumentShape_Reported(string document, string expected)
    {
        Problems(document).Should().Contain(problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Build_InvalidUtf8_Reported()
    {
        var result = CreateBuilder().Build(new byte[] { (byte)'a', 0xC3, 0x28 });

        result.Pipeline.Should().BeNull();
        result.Problems.Should().ContainSingle().Which.Description.Should().Contain("not valid UTF-8");
    }

    [Fact]
    public void Build_Utf8ByteOrderMark_IsIgnored()
    {
        var document = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("nodes: [{name: a, class: AddNode}]")).ToArray();

        var result = CreateBuilder().Build(document);

        result.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Build_HostileNesting_IsReportedNotFatal()
    {
        var document = "nodes: " + new string('[', 100_000) + new string(']', 100_000);

        Problems(document).Should().ContainSingle().Which.Should().Contain("nests deeper than 64 levels");
    }

    [Fact]
    public void Build_ManyProblems_ReportsAllOfThemAtOnce()
    {
        var problems = Problems("""
            extra: 1
            nodes:
              - name: a
                class: AdNode
              - name: a
                class: AddNode
              - name: p
                class: ParamsNode
                params: {band_a: abc, count: 1, colour: red}
              - name: s
                class: SumNode
            connections:
              - from: s.sum
                to: a.inputs.x
              - from: ghost.outputs.y
                to: s.inputs.x
            """);

        problems.Should().HaveCount(7);
        problems.Should().Contain(p => p.Contains("'extra'"))
            .And.Contain(p => p.Contains("unknown class 'AdNode'"))
            .And.Contain(p => p.Contains("duplicate node name 'a'"))
            .And.Contain(p => p.Contains("param 'band_a'"))
            .And.Contain(p => p.Contains("unknown param 'colour'"))
            .And.Contain(p => p.Contains("'from: s.sum'"))
            .And.Contain(p => p.Contains("unknown node 'ghost'"));
    }

    [Fact]
    public void Build_RejectedDocument_LogsProblemsWithSessionId()
    {
        using var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));

        CreateBuilder(loggerFactory: factory).Build(Encoding.UTF8.GetBytes("nodes: [{name: a, class: Nope}]"));
        CreateBuilder(loggerFactory: factory).Build(Encoding.UTF8.GetBytes("nodes: [{name: a, class: AddNode}]"));

        logs.Lines.Should().HaveCount(2).And.OnlyContain(line => line.Contains(Session.Id));
        logs.Lines[0].Should().Contain("unknown class 'Nope'");
    }

    [Fact]
    public void Build_DocumentWithMoreProblemsThanListed_LogsHowManyThereWere()
    {
        using var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));

        CreateBuilder(loggerFactory: factory).Build(Encoding.UTF8.GetBytes(
            "nodes:\n" + string.Concat(Enumerable.Range(0, 150).Select(i => $"  - {{name: n{i}, class: Nope}}\n"))));

        logs.Lines.Should().ContainSingle().Which.Should().Contain("rejected a pipeline document with 150 problem(s)");
    }
}
