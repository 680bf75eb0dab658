using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Pipelines;

/// <summary>
/// Every way a pipeline document can be wrong: INVALID_ARGUMENT naming the culprit, and nothing
/// changes. The tests share one session with the plugin kit loaded, on their class's supervisor:
/// what a rejected document must leave alone is exactly what the next test stands on.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed class PipelineValidationTests(ITestOutputHelper output, SharedPlugins plugins, SharedSupervisor server)
    : SharedSupervisorTest(output, server)
{
    private const string Valid = """
        metadata:
          name: Offsets
          description: two offsets in a row
          tags: [test, offsets]
          author: tests
        nodes:
          - name: first
            class: Offset
            params:
              amount: 1.5
          - name: second
            class: PipelineKit.Offset
        connections:
          - from: first.outputs.shifted
            to: second.inputs.data
        """;

    private PipelineSession _session = null!;

    protected override string[] SupervisorArguments => [plugins.CacheArgument];

    public static TheoryData<string, string, string> InvalidDocuments => new()
    {
        { "unknown class", "nodes: [{name: a, class: NoSuchNode}]", "NoSuchNode" },
        { "ambiguous class", "nodes: [{name: a, class: MinMaxNormalizer}]", "PipelineKit.Shadow.MinMaxNormalizer" },
        { "duplicate node", "nodes: [{name: a, class: Offset}, {name: a, class: Offset}]", "'a'" },
        { "bad connection syntax", "nodes: [{name: a, class: Offset}, {name: b, class: Offset}]\nconnections: [{from: a.shifted, to: b.inputs.data}]", "a.shifted" },
        { "unknown node", "nodes: [{name: a, class: Offset}]\nconnections: [{from: ghost.outputs.x, to: a.inputs.data}]", "ghost" },
        { "unknown port", "nodes: [{name: a, class: Offset}, {name: b, class: Offset}]\nconnections: [{from: a.outputs.nothing, to: b.inputs.data}]", "nothing" },
        { "input fed twice", "nodes: [{name: a, class: Offset}, {name: b, class: Offset}, {name: c, class: Offset}]\nconnections: [{from: a.outputs.shifted, to: c.inputs.data}, {from: b.outputs.shifted, to: c.inputs.data}]", "c.data" },
        { "cycle", "nodes: [{name: a, class: Offset}, {name: b, class: Offset}]\nconnections: [{from: a.outputs.shifted, to: b.inputs.data}, {from: b.outputs.shifted, to: a.inputs.data}]", "cycle" },
        { "dtype mismatch", "nodes: [{name: e, class: Echo}, {name: a, class: Offset}]\nconnections: [{from: e.outputs.i32, to: a.inputs.data}]", "Int32" },
        { "rank mismatch", "nodes: [{name: p, class: Passthrough}, {name: a, class: Offset}]\nconnections: [{from: p.outputs.cube, to: a.inputs.data}]", "a" },
        { "unknown param", "nodes: [{name: a, class: Offset, params: {amout: 1}}]", "amout" },
        { "mistyped param", "nodes: [{name: a, class: Offset, params: {amount: lots}}]", "lots" },
        { "missing param", "nodes: [{name: f, class: BandpassByWavelength}]", "min" },
        { "syntax", "nodes: [{name: a, class: Offset", "line" },
    };

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public async Task LoadPipeline_InvalidDocument_IsInvalidArgumentNamingTheCulprit(string problem, string yaml, string culprit)
    {
        var load = () => _session.LoadPipelineAsync(yaml);

        var error = (await load.Should().ThrowAsync<RpcException>(problem)).Which;
        error.StatusCode.Should().Be(StatusCode.InvalidArgument, problem);
        error.Status.Detail.Should().Contain(culprit, problem);
    }

    [Fact]
    public async Task LoadPipeline_SeveralProblems_ReportsAllOfThemAtOnce()
    {
        var load = () => _session.LoadPipelineAsync("""
            nodes:
              - {name: a, class: NoSuchNode}
              - {name: b, class: Offset, params: {amout: 1}}
            connections:
              - {from: b.outputs.shifted, to: ghost.inputs.data}
            """);

        var detail = (await load.Should().ThrowAsync<RpcException>()).Which.Status.Detail;
        detail.Should().Contain("NoSuchNode").And.Contain("amout").And.Contain("ghost");
    }

    [Fact]
    public async Task LoadPipeline_Valid_ReturnsMetadataAndAnId_AndARejectedOneLeavesItInPlace()
    {
        var loaded = await _session.LoadPipelineAsync(Valid);

        loaded.Success.Should().BeTrue();
        loaded.PipelineId.Should().NotBeNullOrEmpty();
        loaded.Metadata.Name.Should().Be("Offsets");
        loaded.Metadata.Tags.Should().Equal("test", "offsets");
        loaded.Metadata.Author.Should().Be("tests");

        var rejected = () => _session.LoadPipelineAsync("nodes: [{name: a, class: NoSuchNode}]");
        await rejected.Should().ThrowAsync<RpcException>();

        var result = await _session.InferAsync(new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 1f, 2f }, 2) } });
        PipelineSession.Values<float>(result.Outputs["second.shifted"]).Should().Equal(3.5f, 4.5f);
        var reloaded = await _session.LoadPipelineAsync(Valid);
        reloaded.PipelineId.Should().NotBe(loaded.PipelineId, "each load makes a new pipeline");
    }

    [Fact]
    public async Task LoadPipeline_Json_IsAcceptedLikeYaml()
    {
        var loaded = await _session.LoadPipelineAsync("""{"nodes": [{"name": "a", "class": "Offset", "params": {"amount": 2}}], "connections": []}""");

        loaded.Success.Should().BeTrue();
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _session = await Server.OnceAsync(supervisor => PipelineSession.CreateAsync(supervisor, plugins.Kit));
    }
}
