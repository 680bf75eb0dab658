using Cuvis.Sandbox.Client.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using Proto = Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Client.Tests.Sessions;

/// <summary>Each session call: the request it sends and the typed answer it makes of the response.</summary>
public class SessionCallsTests
{
    private readonly FakeCallInvoker _server = new();

    [Fact]
    public async Task LoadPluginsAsync_SendsTheManifestJson_AndReturnsFailuresAsData()
    {
        var manifest = new PluginManifest(new LocalPlugin("good", "/p/good", "Good.Node"), new LocalPlugin("bad", "/p/bad", "Bad.Node"));
        var response = new Proto.LoadPluginsResponse { LoadedPlugins = { "good" } };
        response.FailedPlugins.Add("bad", "Local plugin directory not found: /p/bad");
        _server.On("LoadPlugins", response);

        var result = await CreateSut().LoadPluginsAsync(manifest);

        var request = _server.Last.RequestAs<Proto.LoadPluginsRequest>();
        request.SessionId.Should().Be(TestClients.SessionId);
        request.Manifest.ConfigBytes.ToStringUtf8().Should().Be(manifest.ToJson());
        result.LoadedPlugins.Should().Equal("good");
        result.FailedPlugins.Should().Equal(new Dictionary<string, string> { ["bad"] = "Local plugin directory not found: /p/bad" });
        result.AllLoaded.Should().BeFalse();
    }

    [Fact]
    public async Task ListLoadedPluginsAsync_MapsKindRefAndCommit()
    {
        _server.On("ListLoadedPlugins", new Proto.ListLoadedPluginsResponse
        {
            Plugins =
            {
                new Proto.PluginInfo { Name = "g", Type = "git", Source = "https://h/g.git", Ref = "v1", Commit = "abc123", Provides = { "G.A" } },
                new Proto.PluginInfo { Name = "l", Type = "local", Source = "/p/l", Provides = { "L.A", "L.B" } },
                new Proto.PluginInfo { Name = "n", Type = "nuget", Source = "x" },
            },
        });

        var plugins = await CreateSut().ListLoadedPluginsAsync();

        plugins.Should().HaveCount(3);
        plugins[0].Should().BeEquivalentTo(new { Name = "g", Kind = PluginKind.Git, Source = "https://h/g.git", Ref = "v1", Commit = "abc123", Provides = new[] { "G.A" } });
        plugins[1].Should().BeEquivalentTo(new { Kind = PluginKind.Local, Ref = (string?)null, Commit = (string?)null, Provides = new[] { "L.A", "L.B" } });
        plugins[2].Kind.Should().Be(PluginKind.Unknown);
    }

    [Fact]
    public async Task GetPluginInfoAsync_AsksForThePluginByName()
    {
        _server.On("GetPluginInfo", new Proto.GetPluginInfoResponse { Plugin = new Proto.PluginInfo { Name = "tools", Type = "git" } });

        var plugin = await CreateSut().GetPluginInfoAsync("tools");

        _server.Last.RequestAs<Proto.GetPluginInfoRequest>().PluginName.Should().Be("tools");
        plugin.Name.Should().Be("tools");
    }

    [Fact]
    public async Task ListAvailableNodesAsync_MapsNodesAndTheirPorts()
    {
        var node = new Proto.NodeInfo { ClassName = "RXPerBatch", FullPath = "Cuvis.Builtins.RXPerBatch", Source = "builtin" };
        node.InputSpecs.Add("data", Port("data", Proto.DType.Float32, optional: false, -1, -1, -1, -1));
        node.OutputSpecs.Add("scores", Port("scores", Proto.DType.Float32, optional: false, -1, -1, -1, 1));
        var plugged = new Proto.NodeInfo { ClassName = "Any", FullPath = "P.Any", Source = "plugin", PluginName = "p" };
        plugged.InputSpecs.Add("x", Port("", Proto.DType.Unspecified, optional: true));
        _server.On("ListAvailableNodes", new Proto.ListAvailableNodesResponse { Nodes = { node, plugged } });

        var nodes = await CreateSut().ListAvailableNodesAsync();

        nodes[0].Should().BeEquivalentTo(new
        {
            ClassName = "RXPerBatch",
            FullPath = "Cuvis.Builtins.RXPerBatch",
            Source = NodeSource.Builtin,
            PluginName = (string?)null,
        });
        nodes[0].Inputs["data"].Should().BeEquivalentTo(new { Name = "data", DType = DType.Float32, Shape = new long[] { -1, -1, -1, -1 }, Optional = false, Description = "about data" });
        nodes[0].Outputs["scores"].Shape.Should().Equal(-1, -1, -1, 1);
        nodes[1].Source.Should().Be(NodeSource.Plugin);
        nodes[1].PluginName.Should().Be("p");
        nodes[1].Inputs["x"].Should().BeEquivalentTo(new { Name = "x", DType = (DType?)null, Optional = true });
    }

    [Fact]
    public async Task LoadPipelineAsync_Text_SendsItsUtf8Bytes_AndReturnsIdAndMetadata()
    {
        _server.On("LoadPipeline", new Proto.LoadPipelineResponse
        {
            Success = true,
            PipelineId = "p-1",
            Metadata = new Proto.PipelineMetadata { Name = "RX", Description = "d", Author = "a", Tags = { "x", "y" } },
        });

        var loaded = await CreateSut().LoadPipelineAsync("metadata:\n  name: RX ä\n");

        _server.Last.RequestAs<Proto.LoadPipelineRequest>().Config.ConfigBytes.ToStringUtf8().Should().Be("metadata:\n  name: RX ä\n");
        loaded.PipelineId.Should().Be("p-1");
        loaded.Metadata.Should().BeEquivalentTo(new { Name = "RX", Description = "d", Author = "a", Created = "", CuvisAiVersion = "", Tags = new[] { "x", "y" } });
    }

    [Fact]
    public async Task GetPipelineInputsAsync_ListsSpecsInTheServersOrder()
    {
        var response = new Proto.GetPipelineInputsResponse { InputNames = { "cube", "wavelengths", "nameless" } };
        response.InputSpecs.Add("wavelengths", new Proto.TensorSpec { Name = "wavelengths", Dtype = Proto.DType.Float32, Shape = { -1 } });
        response.InputSpecs.Add("cube", new Proto.TensorSpec { Name = "cube", Dtype = Proto.DType.Float32, Shape = { -1, -1, -1, -1 }, Required = true });
        response.InputSpecs.Add("unlisted", new Proto.TensorSpec { Name = "unlisted", Dtype = Proto.DType.Uint16 });
        _server.On("GetPipelineInputs", response);

        var inputs = await CreateSut().GetPipelineInputsAsync();

        inputs.Select(i => i.Name).Should().Equal("cube", "wavelengths", "nameless", "unlisted");
        inputs[0].Should().BeEquivalentTo(new { DType = DType.Float32, Shape = new long[] { -1, -1, -1, -1 }, Required = true });
        inputs[2].DType.Should().BeNull();
        inputs[3].DType.Should().Be(DType.UInt16);
    }

    [Fact]
    public async Task GetPipelineOutputsAsync_ListsTheOutputKeys()
    {
        var response = new Proto.GetPipelineOutputsResponse { OutputNames = { "rx.scores" } };
        response.OutputSpecs.Add("rx.scores", new Proto.TensorSpec { Name = "rx.scores", Dtype = Proto.DType.Float32, Shape = { -1, -1, -1, 1 } });
        _server.On("GetPipelineOutputs", response);

        var outputs = await CreateSut().GetPipelineOutputsAsync();

        outputs.Should().ContainSingle().Which.Should().Be(new TensorSpec("rx.scores", DType.Float32, outputs[0].Shape, false));
    }

    [Fact]
    public async Task InferenceAsync_SendsEveryTensorAndSelector_AndReturnsTypedOutputsAndMetrics()
    {
        var response = new Proto.InferenceResponse();
        response.Outputs.Add("rx.scores", Wire(Proto.DType.Float32, [1, 2, 2, 1], new float[] { 1, 2, 3, 4 }));
        response.Outputs.Add("decide.decisions", Wire(Proto.DType.Bool, [1, 2, 2, 1], new byte[] { 0, 1, 0, 0 }));
        response.Metrics.Add("stats.mean", 2.5f);
        _server.On("Inference", response);
        var batch = new InputBatch(TensorData.From(new float[16], 1, 2, 2, 4))
        {
            Wavelengths = TensorData.From(new float[] { 400, 500, 600, 700 }, 4),
            Mask = TensorData.From(new bool[4], 1, 2, 2),
            ExtraInputs = new Dictionary<string, TensorData> { ["threshold"] = TensorData.From([0.5], []) },
        };

        var result = await CreateSut().InferenceAsync(batch, ["rx.scores", "decisions"]);

        var request = _server.Last.RequestAs<Proto.InferenceRequest>();
        request.SessionId.Should().Be(TestClients.SessionId);
        request.Inputs.Cube.Shape.Should().Equal(1, 2, 2, 4);
        request.Inputs.Cube.RawData.Length.Should().Be(64);
        request.Inputs.Wavelengths.Dtype.Should().Be(Proto.DType.Float32);
        request.Inputs.Mask.Dtype.Should().Be(Proto.DType.Bool);
        request.Inputs.ExtraInputs["threshold"].Dtype.Should().Be(Proto.DType.Float64);
        request.Inputs.ExtraInputs["threshold"].Shape.Should().BeEmpty();
        request.OutputSpecs.Should().Equal("rx.scores", "decisions");
        result.Outputs["rx.scores"].ToArray<float>().Should().Equal(1, 2, 3, 4);
        result.Outputs["rx.scores"].Shape.Should().Equal(1, 2, 2, 1);
        result.Outputs["decide.decisions"].ToArray<bool>().Should().Equal(false, true, false, false);
        result.Metrics.Should().Equal(new Dictionary<string, float> { ["stats.mean"] = 2.5f });
    }

    [Fact]
    public async Task InferenceAsync_NoSelectors_AsksForEveryOutput_AndLeavesUnsetTensorsOut()
    {
        _server.On("Inference", new Proto.InferenceResponse());

        await CreateSut().InferenceAsync(new InputBatch(TensorData.From(new ushort[8], 1, 2, 2, 2)));

        var request = _server.Last.RequestAs<Proto.InferenceRequest>();
        request.OutputSpecs.Should().BeEmpty();
        request.Inputs.Cube.Dtype.Should().Be(Proto.DType.Uint16);
        request.Inputs.Wavelengths.Should().BeNull();
        request.Inputs.Mask.Should().BeNull();
    }

    [Theory]
    [InlineData(1, new byte[] { 1, 2, 3 }, "needs exactly 4 bytes")]
    [InlineData(0, new byte[] { 1 }, "not one this client knows")]
    [InlineData(6, new byte[] { 7 }, "byte 0 is 7")]
    public async Task InferenceAsync_UnreadableOutputTensor_FailsAsDataLossNamingIt(int dtype, byte[] bytes, string problem)
    {
        var response = new Proto.InferenceResponse();
        response.Outputs.Add("odd.out", Wire((Proto.DType)dtype, [1], bytes));
        _server.On("Inference", response);

        var thrown = await FluentActions.Awaiting(() => CreateSut().InferenceAsync(new InputBatch())).Should().ThrowAsync<CuvisSandboxException>();

        thrown.Which.StatusCode.Should().Be(StatusCode.DataLoss);
        thrown.Which.Message.Should().StartWith("The server sent an unreadable tensor 'odd.out':").And.Contain(problem);
    }

    [Fact]
    public async Task InferenceAsync_NullExtraInput_IsRefusedBeforeAnyCall()
    {
        var batch = new InputBatch { ExtraInputs = new Dictionary<string, TensorData> { ["gap"] = null! } };

        await FluentActions.Awaiting(() => CreateSut().InferenceAsync(batch)).Should().ThrowAsync<ArgumentException>().WithMessage("*'gap' is null*");
        _server.Calls.Should().BeEmpty();
    }

    private static Proto.PortSpec Port(string name, Proto.DType dtype, bool optional, params long[] shape)
    {
        var port = new Proto.PortSpec { Name = name, Dtype = dtype, Optional = optional, Description = name.Length > 0 ? "about " + name : "" };
        port.Shape.Add(shape);
        return port;
    }

    private static Proto.Tensor Wire<T>(Proto.DType dtype, long[] shape, T[] values)
        where T : unmanaged
    {
        var tensor = new Proto.Tensor { Dtype = dtype, RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Shape.Add(shape);
        return tensor;
    }

    private CuvisSession CreateSut() => TestClients.Session(_server);
}
