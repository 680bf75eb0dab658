using System.Runtime.InteropServices;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;

namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>A session with the test plugin kit loaded, and helpers to load pipelines and run them.</summary>
internal sealed class PipelineSession(SupervisorProcess supervisor, string sessionId)
{
    public static readonly string[] KitNodes =
    [
        "PipelineKit.Echo", "PipelineKit.Faulty", "PipelineKit.Offset", "PipelineKit.Passthrough", "PipelineKit.Sleepy",
        "PipelineKit.Shadow.MinMaxNormalizer",
    ];

    /// <summary>The builtins' smallest pipeline: the cube, min-max normalized (outputs <c>norm.normalized</c>).</summary>
    public const string MinMaxPipeline = """
        nodes: [{name: input, class: HyperspectralInput}, {name: norm, class: MinMaxNormalizer}]
        connections: [{from: input.outputs.cube, to: norm.inputs.data}]
        """;

    public string Id { get; } = sessionId;

    public CuvisAIService.CuvisAIServiceClient Client => supervisor.Client;

    public static async Task<PipelineSession> CreateAsync(SupervisorProcess supervisor, PluginRepository kit) =>
        await LoadKitAsync(supervisor, await supervisor.CreateSessionAsync(), kit);

    /// <summary>Loads the kit into the open session <paramref name="id"/>.</summary>
    public static async Task<PipelineSession> LoadKitAsync(SupervisorProcess supervisor, string id, PluginRepository kit)
    {
        var loaded = await supervisor.LoadPluginsAsync(id, Manifest.Of(("kit", Manifest.Git(kit.Url, "v1.0.0", KitNodes))));
        loaded.FailedPlugins.Should().BeEmpty();
        return new PipelineSession(supervisor, id);
    }

    public async Task<LoadPipelineResponse> LoadPipelineAsync(string yaml) =>
        await Client.LoadPipelineAsync(new LoadPipelineRequest
        {
            SessionId = Id,
            Config = new PipelineConfig { ConfigBytes = ByteString.CopyFromUtf8(yaml) },
        }, deadline: DateTime.UtcNow.AddMinutes(1));

    public async Task<InferenceResponse> InferAsync(InputBatch inputs, params string[] outputSpecs)
    {
        var request = new InferenceRequest { SessionId = Id, Inputs = inputs };
        request.OutputSpecs.Add(outputSpecs);
        return await Client.InferenceAsync(request, deadline: DateTime.UtcNow.AddMinutes(2));
    }

    public static Tensor Wire<T>(T[] values, params long[] shape) where T : unmanaged
    {
        var tensor = new Tensor { Dtype = DTypeOf<T>(), RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Shape.Add(shape);
        return tensor;
    }

    public static T[] Values<T>(Tensor tensor) where T : unmanaged =>
        MemoryMarshal.Cast<byte, T>(tensor.RawData.Span).ToArray();

    private static DType DTypeOf<T>() => default(T) switch
    {
        float => DType.Float32,
        double => DType.Float64,
        int => DType.Int32,
        long => DType.Int64,
        byte => DType.Uint8,
        bool => DType.Bool,
        Half => DType.Float16,
        ushort => DType.Uint16,
        _ => throw new NotSupportedException(typeof(T).Name),
    };
}
