using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Protos.Worker.V1;
using Cuvis.Sandbox.Worker.Grpc;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.PluginTests.Infrastructure;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using static Cuvis.Sandbox.Worker.PluginTests.Infrastructure.TestPluginBuild;
using LoadPluginRequest = Cuvis.Sandbox.Protos.Worker.V1.LoadPluginRequest;

namespace Cuvis.Sandbox.Worker.PluginTests.Grpc;

[Collection(TestPluginsDefinition.Name)]
public sealed class SandboxWorkerGrpcServiceTests(TestPluginBuild plugins)
{
    private readonly TestSession _session = new();
    private TimeProvider _timeProvider = TimeProvider.System;

    [Fact]
    public async Task LoadPlugin_GoodPlugin_ReturnsItsNodesAndListsThem()
    {
        var sut = CreateSut();

        var response = await sut.LoadPlugin(Request("good", "GoodPlugin.ScaleNode", "GoodPlugin.SumNode"), new TestServerCallContext());
        var listed = await sut.ListAvailableNodes(new ListAvailableNodesRequest(), new TestServerCallContext());

        response.Loaded.Should().BeTrue(response.Error);
        response.Error.Should().BeEmpty();
        response.Nodes.Select(node => node.FullPath).Should().Equal("GoodPlugin.ScaleNode", "GoodPlugin.SumNode");
        var pluginNodes = listed.Nodes.Where(node => node.Source == "plugin").ToList();
        pluginNodes.Should().Equal(response.Nodes);
        pluginNodes.Should().OnlyContain(node => node.PluginName == "good");
        var values = pluginNodes[0].InputSpecs["values"];
        (values.Dtype, values.Shape.Single()).Should().Be((Protos.V1.DType.Float32, -1L));
    }

    [Fact]
    public async Task ListAvailableNodes_Builtins_CarryTheirCategoryAndTags()
    {
        var sut = CreateSut();

        var listed = await sut.ListAvailableNodes(new ListAvailableNodesRequest(), new TestServerCallContext());

        var builtins = listed.Nodes.Where(node => node.Source == "builtin").ToList();
        builtins.Should().NotBeEmpty().And.OnlyContain(node => node.Category != NodeCategory.Unspecified && node.Tags.Count > 0);
        var input = builtins.Single(node => node.ClassName == "HyperspectralInput");
        (input.Category, input.Tags.First()).Should().Be((NodeCategory.Source, NodeTag.Hyperspectral));
    }

    [Fact]
    public async Task LoadPlugin_TypeThatIsNoNode_AnswersNotLoadedWithTheError()
    {
        var sut = CreateSut();

        var response = await sut.LoadPlugin(Request("good", "GoodPlugin.ScaleNode", "GoodPlugin.NotANode"), new TestServerCallContext());
        var listed = await sut.ListAvailableNodes(new ListAvailableNodesRequest(), new TestServerCallContext());

        response.Loaded.Should().BeFalse();
        response.Error.Should().Be("Cannot import 'GoodPlugin.NotANode': it does not derive from Cuvis.Sandbox.Contracts.Node");
        response.Nodes.Should().BeEmpty();
        listed.Nodes.Should().NotContain(node => node.Source == "plugin");
    }

    [Fact]
    public async Task WarmUp_OfABlankWorker_RunsThePipelineAndLeavesNoPipelineLoaded()
    {
        var blank = new Hosting.WorkerSession();
        var sut = CreateSut(blank);
        var cube = new Tensor { Dtype = Protos.V1.DType.Float32, RawData = Google.Protobuf.ByteString.CopyFrom(new byte[3 * sizeof(float)]) };
        cube.Shape.Add([1, 1, 1, 3]);

        var response = await sut.WarmUp(new WarmUpRequest
        {
            Pipeline = new LoadPipelineRequest { Config = new PipelineConfig { ConfigBytes = Google.Protobuf.ByteString.CopyFromUtf8("nodes: [{name: w, class: MinMaxNormalizer}]") } },
            Inference = new InferenceRequest { Inputs = new InputBatch { ExtraInputs = { ["data"] = cube } } },
        }, new TestServerCallContext());

        response.Inference.Outputs.Should().ContainKey("w.normalized");
        response.Nodes.Nodes.Should().Contain(node => node.ClassName == "MinMaxNormalizer");
        blank.IsBound.Should().BeFalse();
        var inputs = () => sut.GetPipelineInputs(new GetPipelineInputsRequest(), new TestServerCallContext());
        await inputs.Should().ThrowAsync<NoPipelineLoadedException>("the warm-up's pipeline is not the session's");
    }

    [Fact]
    public async Task WarmUp_OfABoundWorker_IsRefused()
    {
        var sut = CreateSut();

        var warmUp = () => sut.WarmUp(new WarmUpRequest(), new TestServerCallContext());

        (await warmUp.Should().ThrowAsync<global::Grpc.Core.RpcException>()).Which.StatusCode.Should().Be(global::Grpc.Core.StatusCode.FailedPrecondition);
    }

    [Fact]
    public async Task Inference_BuiltinPipeline_TrailerGivesEachNodesForwardTimeInExecutionOrder()
    {
        // Two timestamps per node, around its Forward and nothing else: 1.5 ms apart.
        _timeProvider = new SteppingTimeProvider(TimeSpan.FromMicroseconds(1500));
        var sut = CreateSut();
        const string Document = """
            nodes:
              - {name: rx, class: RXPerBatch}
              - {name: scale, class: MinMaxNormalizer}
              - {name: cube_in, class: HyperspectralInput}
            connections:
              - {from: cube_in.outputs.cube, to: scale.inputs.data}
              - {from: scale.outputs.normalized, to: rx.inputs.data}
            """;
        await sut.LoadPipeline(new LoadPipelineRequest { Config = new PipelineConfig { ConfigBytes = Google.Protobuf.ByteString.CopyFromUtf8(Document) } }, new TestServerCallContext());
        var cube = Contracts.Tensor.FromArray<float>([0, 0, 2, 0, 0, 2, 4, 4], 1, 2, 2, 2);
        var context = new TestServerCallContext();

        await sut.Inference(new InferenceRequest { Inputs = new InputBatch { Cube = Tensors.TensorCodec.Encode(cube) } }, context);

        context.ResponseTrailers.Should().ContainSingle()
            .Which.Should().Match<global::Grpc.Core.Metadata.Entry>(entry => entry.Key == "cuvis-node-micros" && entry.Value == "cube_in=1500;scale=1500;rx=1500");
    }

    private LoadPluginRequest Request(string name, params string[] provides) => new()
    {
        Name = name,
        Directory = plugins.OutputOf(GoodPlugin),
        MainAssembly = GoodPlugin + ".dll",
        Provides = { provides },
    };

    private SandboxWorkerGrpcService CreateSut(Hosting.WorkerSession? session = null)
    {
        session ??= TestSession.Session;
        var arguments = new Hosting.WorkerArguments("unix:/nonexistent/worker.sock", Path.GetTempPath(), Protos.WorkerProtocol.Version, 64 * 1024 * 1024);
        var catalog = new NodeCatalog(_session.Registry, BuiltinNodes.Types);
        var builder = new PipelineBuilder(catalog, session, _timeProvider, NullLoggerFactory.Instance);
        return new(
            session,
            new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance),
            TimeProvider.System,
            _session.CreateLoader(),
            catalog,
            new PipelineHost(builder, session, NullLogger<PipelineHost>.Instance),
            builder,
            new Schemas.ParameterSchemas(catalog, session, NullLogger<Schemas.ParameterSchemas>.Instance),
            new RunningCalls(),
            new Tensors.SharedArenas(arguments, new Hosting.WorkerToken("token"), session, NullLogger<Tensors.SharedArenas>.Instance),
            new Tensors.LargeCallMemory(0, TimeSpan.FromSeconds(1), TimeProvider.System),
            arguments,
            NullLogger<SandboxWorkerGrpcService>.Instance);
    }
}

/// <summary>A clock that moves a fixed step every time it is read, so elapsed times are exact.</summary>
internal sealed class SteppingTimeProvider(TimeSpan step) : TimeProvider
{
    private long _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Add(ref _now, step.Ticks);
}
