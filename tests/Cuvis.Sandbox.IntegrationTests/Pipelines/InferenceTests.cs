using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Pipelines;

/// <summary>Inference through the supervisor and a contained worker: dtypes, sizes, outputs, failures, concurrency. One supervisor for the class, a session per test.</summary>
[Collection(SharedPlugins.Collection)]
public sealed class InferenceTests(ITestOutputHelper output, SharedPlugins plugins, SharedSupervisor server)
    : SharedSupervisorTest(output, server)
{
    private const string EchoPipeline = "nodes: [{name: echo, class: Echo}]";
    private const string OffsetPipeline = "nodes: [{name: off, class: Offset, params: {amount: AMOUNT}}]";

    protected override string[] SupervisorArguments => [plugins.CacheArgument];

    [Fact]
    public async Task BeforeAPipelineIsLoaded_PipelineCallsAreFailedPrecondition()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);
        Func<Task>[] calls =
        [
            () => session.Client.GetPipelineInputsAsync(new GetPipelineInputsRequest { SessionId = session.Id }).ResponseAsync,
            () => session.Client.GetPipelineOutputsAsync(new GetPipelineOutputsRequest { SessionId = session.Id }).ResponseAsync,
            () => session.InferAsync(new InputBatch()),
        ];

        foreach (var call in calls)
        {
            (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        }
    }

    [Fact]
    public async Task EveryDType_RoundTripsBitExactly_AndEmptyDimensionsToo()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);
        await session.LoadPipelineAsync(EchoPipeline);
        var inputs = new InputBatch
        {
            ExtraInputs =
            {
                ["f32"] = PipelineSession.Wire(new[] { float.NaN, -0f, float.Epsilon, float.MaxValue }, 4),
                ["f64"] = PipelineSession.Wire(new[] { double.NegativeInfinity, 1e-300, Math.PI }, 3),
                ["i32"] = PipelineSession.Wire(new[] { int.MinValue, -1, int.MaxValue }, 3),
                ["i64"] = PipelineSession.Wire(new[] { long.MinValue, 42L, long.MaxValue }, 3),
                ["u8"] = PipelineSession.Wire(new byte[] { 0, 127, 255 }, 3),
                ["b"] = PipelineSession.Wire(new[] { true, false, true }, 3),
                ["f16"] = PipelineSession.Wire(new[] { Half.MaxValue, Half.Epsilon, (Half)(-2.5f) }, 3),
                ["u16"] = PipelineSession.Wire(Array.Empty<ushort>(), 0),
            },
        };

        var result = await session.InferAsync(inputs);

        foreach (var (port, sent) in inputs.ExtraInputs)
        {
            var received = result.Outputs["echo." + port];
            received.Dtype.Should().Be(sent.Dtype, port);
            received.Shape.Should().Equal(sent.Shape, port);
            received.RawData.Should().Equal(sent.RawData, port);
        }
    }

    [Fact]
    public async Task Cube128MiB_RoundTripsThroughSupervisorAndWorker()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);
        await session.LoadPipelineAsync("nodes: [{name: p, class: Passthrough}]");
        var bytes = new byte[512 * 512 * 128 * 4];
        new Random(7).NextBytes(bytes);
        var cube = new Tensor { Dtype = DType.Float32, RawData = UnsafeByteOperations.UnsafeWrap(bytes) };
        cube.Shape.Add([1, 512, 512, 128]);

        var result = await session.InferAsync(new InputBatch { Cube = cube }, "p.cube");

        result.Outputs.Keys.Should().Equal("p.cube");
        result.Outputs["p.cube"].Shape.Should().Equal(1, 512, 512, 128);
        result.Outputs["p.cube"].RawData.Span.SequenceEqual(bytes).Should().BeTrue();
    }

    [Fact]
    public async Task NodeThatThrows_FailsTheCallNamingTheNode_AndTheSessionStaysUsable()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);
        await session.LoadPipelineAsync("nodes: [{name: fragile, class: Faulty, params: {trigger: 10}}]");

        var failing = () => session.InferAsync(new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 1f, 11f }, 2) } });

        var error = (await failing.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().BeOneOf(StatusCode.Internal, StatusCode.Aborted);
        error.Status.Detail.Should().Contain("fragile").And.Contain("reached the trigger 10");
        var next = await session.InferAsync(new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 1f, 2f }, 2) } });
        PipelineSession.Values<float>(next.Outputs["fragile.data"]).Should().Equal(1f, 2f);
    }

    [Fact]
    public async Task MalformedTensorsAndMissingInputs_AreInvalidArgumentNamingTheProblem()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);
        await session.LoadPipelineAsync(OffsetPipeline.Replace("AMOUNT", "1", StringComparison.Ordinal));
        var wrongBytes = PipelineSession.Wire(new[] { 1f, 2f }, 3);
        var unspecified = new Tensor { RawData = ByteString.CopyFrom(new byte[4]) };
        unspecified.Shape.Add(1);
        var negative = PipelineSession.Wire(Array.Empty<float>(), -1);
        var overflowing = PipelineSession.Wire(new[] { 1f }, long.MaxValue, 4);
        (Tensor Tensor, string Expected)[] cases =
        [
            (wrongBytes, "needs 12 bytes"), (unspecified, "unspecified"), (negative, "dimension 0 is -1"), (overflowing, "too large"),
        ];

        foreach (var (tensor, expected) in cases)
        {
            var call = () => session.InferAsync(new InputBatch { ExtraInputs = { ["data"] = tensor } });
            var error = (await call.Should().ThrowAsync<RpcException>()).Which;
            error.StatusCode.Should().Be(StatusCode.InvalidArgument, expected);
            error.Status.Detail.Should().Contain(expected).And.Contain("data");
        }

        var missing = () => session.InferAsync(new InputBatch());
        var missingError = (await missing.Should().ThrowAsync<RpcException>()).Which;
        missingError.StatusCode.Should().Be(StatusCode.InvalidArgument);
        missingError.Status.Detail.Should().Contain("off").And.Contain("data");
    }

    [Fact]
    public async Task Outputs_AreKeyedNodeDotPort_SelectableByKeyOrPort_AndScalarsAreMetrics()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);
        await session.LoadPipelineAsync("""
            nodes:
              - {name: a, class: Offset, params: {amount: 1}}
              - {name: b, class: Offset, params: {amount: 10}}
            connections:
              - {from: a.outputs.shifted, to: b.inputs.data}
            """);
        var batch = new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 1f, 2f }, 2) } };

        var all = await session.InferAsync(batch);
        var byKey = await session.InferAsync(batch, "b.shifted");
        var byPort = await session.InferAsync(batch, "total");

        all.Outputs.Keys.Should().BeEquivalentTo("a.shifted", "a.total", "b.shifted", "b.total");
        PipelineSession.Values<float>(all.Outputs["b.shifted"]).Should().Equal(12f, 13f);
        all.Metrics["a.total"].Should().Be(5f);
        all.Metrics["b.total"].Should().Be(25f);
        byKey.Outputs.Keys.Should().Equal("b.shifted");
        byPort.Outputs.Keys.Should().BeEquivalentTo("a.total", "b.total");

        var inputs = await session.Client.GetPipelineInputsAsync(new GetPipelineInputsRequest { SessionId = session.Id });
        var outputs = await session.Client.GetPipelineOutputsAsync(new GetPipelineOutputsRequest { SessionId = session.Id });
        inputs.InputNames.Should().Equal("data");
        inputs.InputSpecs["data"].Should().Match<TensorSpec>(s => s.Dtype == DType.Float32 && s.Required);
        outputs.OutputNames.Should().BeEquivalentTo("a.total", "b.shifted", "b.total");
    }

    [Fact]
    public async Task Trailer_GivesEachNodesForwardTimeMeasuredInTheWorker()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);
        await session.LoadPipelineAsync("""
            nodes:
              - {name: shift, class: Offset, params: {amount: 1}}
              - {name: nap, class: Sleepy}
            connections:
              - {from: nap.outputs.data, to: shift.inputs.data}
            """);
        var request = new InferenceRequest { SessionId = session.Id, Inputs = new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 300f }, 1) } } };

        using var call = session.Client.InferenceAsync(request, deadline: DateTime.UtcNow.AddMinutes(2));
        await call.ResponseAsync;

        // Sleepy waits as many milliseconds as its first value says, so its Forward took at least 300 ms.
        var trailer = call.GetTrailers().Should().ContainSingle(entry => entry.Key == "cuvis-node-micros").Subject.Value;
        trailer.Should().MatchRegex("^nap=[0-9]+;shift=[0-9]+$");
        var micros = trailer.Split(';').Select(part => long.Parse(part.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        micros[0].Should().BeInRange(300_000, 60_000_000);
        micros[1].Should().BeLessThan(micros[0]);
    }

    [Fact]
    public async Task SpecsMultiPluginPipeline_DetectClassifyViz_RunsEndToEnd()
    {
        var detector = await PluginRepository.CreateAsync(Work, "Detector");
        var classifier = await PluginRepository.CreateAsync(Work, "Classifier");
        var visualizer = await PluginRepository.CreateAsync(Work, "Visualizer");
        var session = await OpenSessionAsync();
        var loaded = await Supervisor.LoadPluginsAsync(session, Manifest.Of(
            ("detector", Manifest.Git(detector.Url, "v1.0.0", "Detector.Detector")),
            ("classifier", Manifest.Git(classifier.Url, "v1.0.0", "Classifier.Classifier")),
            ("visualizer", Manifest.Local(visualizer.Path, "Visualizer.Visualizer"))));
        loaded.FailedPlugins.Should().BeEmpty();
        await Supervisor.Client.LoadPipelineAsync(new LoadPipelineRequest
        {
            SessionId = session,
            Config = new PipelineConfig
            {
                ConfigBytes = ByteString.CopyFromUtf8("""
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
                    """),
            },
        });

        // 1 x 1 x 3 pixels x 2 bands: band means 0.1, 0.9, 0.6 against the default threshold 0.5.
        var cube = PipelineSession.Wire(new[] { 0f, 0.2f, 1f, 0.8f, 0.6f, 0.6f }, 1, 1, 3, 2);
        var result = await Supervisor.Client.InferenceAsync(new InferenceRequest { SessionId = session, Inputs = new InputBatch { Cube = cube } });

        PipelineSession.Values<byte>(result.Outputs["viz.image"]).Should().Equal(0, 255, 255);
        PipelineSession.Values<int>(result.Outputs["classify.classes"]).Should().Equal(0, 7, 7);
        result.Metrics["classify.count"].Should().Be(2f);
    }

    [Fact]
    public async Task ConcurrentInferenceAndLoadPipeline_OnOneSession_NeverMixPipelines()
    {
        var session = await PipelineSession.LoadKitAsync(Supervisor, await OpenSessionAsync(), plugins.Kit);
        await session.LoadPipelineAsync(OffsetPipeline.Replace("AMOUNT", "1", StringComparison.Ordinal));
        var data = Enumerable.Range(0, 1000).Select(i => (float)i).ToArray();
        var batch = new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(data, data.Length) } };

        var workers = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                if (worker == 0)
                {
                    await session.LoadPipelineAsync(OffsetPipeline.Replace("AMOUNT", (i % 2 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
                    continue;
                }

                var result = await session.InferAsync(batch);
                var shifted = PipelineSession.Values<float>(result.Outputs["off.shifted"]);
                var amount = shifted[0];
                amount.Should().BeOneOf(1f, 2f);
                shifted.Select((v, k) => v - k).Should().AllSatisfy(d => d.Should().Be(amount), "one call sees one whole pipeline");
                result.Metrics["off.total"].Should().Be(shifted.Sum());
            }
        }));

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(3));
    }
}
