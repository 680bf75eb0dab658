using Cuvis.Sandbox.Client;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Clients;

/// <summary>
/// The .NET client (client/) against the real supervisor and contained workers, through its public
/// API only, as a user would call it: one shared supervisor, a session or two per test, every call
/// under the client's own deadline.
/// </summary>
public sealed class DotnetClientTests(ITestOutputHelper output, SharedSupervisor server) : SharedSupervisorTest(output, server)
{
    /// <summary>The builtin pipeline of the root README: HyperspectralInput, MinMaxNormalizer, RXPerBatch, QuantileBinaryDecider.</summary>
    private const string BuiltinPipeline = """
        metadata:
          name: RX anomaly detection
        nodes:
          - name: input
            class: HyperspectralInput
          - name: normalize
            class: MinMaxNormalizer
          - name: rx
            class: RXPerBatch
          - name: decide
            class: QuantileBinaryDecider
            params:
              quantile: 0.99
        connections:
          - from: input.outputs.cube
            to: normalize.inputs.data
          - from: normalize.outputs.normalized
            to: rx.inputs.data
          - from: rx.outputs.scores
            to: decide.inputs.logits
        """;

    private CuvisSandboxClient _client = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _client = new CuvisSandboxClient($"http://{Supervisor.Address}", new CuvisSandboxClientOptions { CallTimeout = TimeSpan.FromMinutes(1) });
    }

    public override async Task DisposeAsync()
    {
        _client?.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Session_ListsBuiltinNodes_AndRunsABuiltinPipelineOnASyntheticCube()
    {
        await using var session = await _client.CreateSessionAsync();

        var nodes = await session.ListAvailableNodesAsync();
        nodes.Where(n => n.Source == NodeSource.Builtin).Select(n => n.ClassName).Should()
            .Contain(["HyperspectralInput", "MinMaxNormalizer", "RXPerBatch", "QuantileBinaryDecider"]);
        var input = nodes.Single(n => n.ClassName == "HyperspectralInput");
        input.PluginName.Should().BeNull();
        input.Inputs["cube"].Should().BeEquivalentTo(new { DType = DType.Float32, Shape = new long[] { -1, -1, -1, -1 }, Optional = false });
        input.Inputs["mask"].Optional.Should().BeTrue();

        await FluentActions.Awaiting(() => session.GetPipelineInputsAsync()).Should().ThrowAsync<CuvisFailedPreconditionException>();

        var loaded = await session.LoadPipelineAsync(BuiltinPipeline);
        loaded.Metadata.Name.Should().Be("RX anomaly detection");
        loaded.PipelineId.Should().NotBeEmpty();
        var inputs = await session.GetPipelineInputsAsync();
        inputs.Single(i => i.Name == "cube").Should().BeEquivalentTo(new { DType = DType.Float32, Required = true });
        var outputs = await session.GetPipelineOutputsAsync();
        outputs.Single(o => o.Name == "decide.decisions").DType.Should().Be(DType.Bool);

        var result = await session.InferenceAsync(new InputBatch(TensorData.From(CubeWithAnomaly(16, 16, 8, row: 5, column: 9), 1, 16, 16, 8)),
            ["rx.scores", "decide.decisions"]);

        result.Outputs.Keys.Should().BeEquivalentTo("rx.scores", "decide.decisions");
        var scores = result.Outputs["rx.scores"];
        scores.DType.Should().Be(DType.Float32);
        scores.Shape.Should().Equal(1, 16, 16, 1);
        scores.ToArray<float>().Should().OnlyContain(s => float.IsFinite(s));
        Array.IndexOf(scores.ToArray<float>(), scores.ToArray<float>().Max()).Should().Be((5 * 16) + 9, "the planted pixel is the anomaly");
        var decisions = result.Outputs["decide.decisions"];
        decisions.DType.Should().Be(DType.Bool);
        decisions.Shape.Should().Equal(1, 16, 16, 1);
        decisions.AsSpan<bool>()[(5 * 16) + 9].Should().BeTrue();
        decisions.ToArray<bool>().Count(d => d).Should().BeInRange(1, 3, "the 0.99 quantile of 256 pixels leaves two or three above it");
    }

    [Fact]
    public async Task LoadPlugins_EntriesTheServerRefusesAreData_AndAManifestItRefusesIsATypedError()
    {
        await using var session = await _client.CreateSessionAsync();
        var missing = Work.Combine("no-such-plugin");

        var result = await session.LoadPluginsAsync(new PluginManifest(
            new LocalPlugin("absent", missing, "Absent.Node"),
            new GitPlugin("1bad", "https://git.example.com/x.git", "v1", "Bad.Node")));

        result.AllLoaded.Should().BeFalse();
        result.LoadedPlugins.Should().BeEmpty();
        result.FailedPlugins.Keys.Should().BeEquivalentTo("absent", "1bad");
        result.FailedPlugins["absent"].Should().Contain(missing);
        result.FailedPlugins["1bad"].Should().Contain("not an identifier");
        (await session.ListLoadedPluginsAsync()).Should().BeEmpty();

        var refused = await FluentActions.Awaiting(() => session.LoadPluginsAsync(new PluginManifest(
                new LocalPlugin("twice", missing, "Twice.A"), new LocalPlugin("twice", missing, "Twice.B"))))
            .Should().ThrowAsync<CuvisInvalidRequestException>();
        refused.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        refused.Which.Message.Should().Contain("listed twice");
        refused.Which.FieldViolations.Should().ContainSingle().Which.Field.Should().Be("plugins.twice");

        await FluentActions.Awaiting(() => session.GetPluginInfoAsync("absent")).Should().ThrowAsync<CuvisNotFoundException>()
            .Where(e => !(e is CuvisSessionNotFoundException));
        (await _client.ClearPluginCacheAsync("absent")).Should().Be(0);
    }

    [Fact]
    public async Task DisposeAsync_ClosesTheSession_SoItsWorkerEndsAndItsIdIsNotFound()
    {
        string id;
        await using (var session = await _client.CreateSessionAsync())
        {
            id = session.Id;
            (await session.ListAvailableNodesAsync()).Should().NotBeEmpty();
            Supervisor.WorkerPids().Should().NotBeEmpty();
        }

        var gone = await FluentActions.Awaiting(() => _client.AttachSession(id).ListAvailableNodesAsync())
            .Should().ThrowAsync<CuvisSessionNotFoundException>();
        gone.Which.SessionId.Should().Be(id);
        gone.Which.Message.Should().Be($"Session {id} not found");
        Supervisor.WorkerPids().Should().BeEmpty();
    }

    [Fact]
    public async Task SessionClosedThroughAnotherHandle_FailsItsCallsTyped_AndStillDisposesQuietly()
    {
        var session = await _client.CreateSessionAsync();
        await _client.AttachSession(session.Id).CloseAsync();

        var gone = await FluentActions.Awaiting(() => session.LoadPipelineAsync(BuiltinPipeline)).Should().ThrowAsync<CuvisSessionNotFoundException>();
        gone.Which.SessionId.Should().Be(session.Id);

        await FluentActions.Awaiting(() => session.DisposeAsync().AsTask()).Should().NotThrowAsync();
        await FluentActions.Awaiting(() => session.ListAvailableNodesAsync()).Should().ThrowAsync<ObjectDisposedException>();
    }

    /// <summary>A smooth random cube, BHWC with B = 1, with one pixel of a very different spectrum.</summary>
    private static float[] CubeWithAnomaly(int height, int width, int bands, int row, int column)
    {
        var random = new Random(7);
        var cube = new float[height * width * bands];
        for (var pixel = 0; pixel < height * width; pixel++)
        {
            var level = 0.4f + (0.05f * random.NextSingle());
            for (var band = 0; band < bands; band++)
            {
                cube[(pixel * bands) + band] = level + (0.01f * band) + (0.005f * random.NextSingle());
            }
        }

        var anomaly = ((row * width) + column) * bands;
        for (var band = 0; band < bands; band++)
        {
            cube[anomaly + band] = band % 2 == 0 ? 0.95f : 0.05f;
        }

        return cube;
    }
}
