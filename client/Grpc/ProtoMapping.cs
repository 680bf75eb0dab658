using System.Collections.ObjectModel;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Grpc.Core;
using Proto = Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Client.Grpc;

/// <summary>Between the generated messages and the client's types, in one place.</summary>
internal static class ProtoMapping
{
    /// <summary>The wire tensor over the tensor's own bytes: no copy, so the caller must leave them alone until the call completes.</summary>
    public static Proto.Tensor ToProto(this TensorData tensor)
    {
        var proto = new Proto.Tensor
        {
            Dtype = (Proto.DType)(int)tensor.DType,
            RawData = UnsafeByteOperations.UnsafeWrap(tensor.Data),
        };
        proto.Shape.Add(tensor.Shape);
        return proto;
    }

    public static Proto.InputBatch ToProto(this InputBatch batch)
    {
        var proto = new Proto.InputBatch
        {
            Cube = batch.Cube?.ToProto(),
            Wavelengths = batch.Wavelengths?.ToProto(),
            Mask = batch.Mask?.ToProto(),
        };
        foreach (var (name, tensor) in batch.ExtraInputs)
        {
            if (tensor is null)
            {
                throw new ArgumentException($"Extra input '{name}' is null; leave it out instead.", nameof(batch));
            }

            proto.ExtraInputs.Add(name, tensor.ToProto());
        }

        return proto;
    }

    /// <summary>A tensor from the server, over the response's buffer (no copy); one that breaks the tensor rules fails the call.</summary>
    public static TensorData ToTensor(this Proto.Tensor proto, string key)
    {
        var dtype = (DType)(int)proto.Dtype;
        string? problem = null;
        if (!ElementTypes.IsDefined(dtype))
        {
            problem = $"its dtype {proto.Dtype} is not one this client knows.";
        }
        else if (TensorData.TryWrap(dtype, proto.RawData.Memory, [.. proto.Shape], out var tensor, out problem))
        {
            return tensor;
        }

        throw new CuvisSandboxException(StatusCode.DataLoss, $"The server sent an unreadable tensor '{key}': {problem}");
    }

    public static InferenceResult ToResult(this Proto.InferenceResponse response)
    {
        var outputs = new Dictionary<string, TensorData>(response.Outputs.Count, StringComparer.Ordinal);
        foreach (var (key, tensor) in response.Outputs)
        {
            outputs.Add(key, tensor.ToTensor(key));
        }

        return new InferenceResult(outputs.AsReadOnly(), new Dictionary<string, float>(response.Metrics, StringComparer.Ordinal).AsReadOnly());
    }

    public static PluginLoadResult ToResult(this Proto.LoadPluginsResponse response) =>
        new(List(response.LoadedPlugins), new Dictionary<string, string>(response.FailedPlugins, StringComparer.Ordinal).AsReadOnly());

    public static PluginInfo ToPluginInfo(this Proto.PluginInfo proto) => new(
        proto.Name,
        proto.Type switch
        {
            "git" => PluginKind.Git,
            "local" => PluginKind.Local,
            _ => PluginKind.Unknown,
        },
        proto.Source,
        NullIfEmpty(proto.Ref),
        List(proto.Provides),
        NullIfEmpty(proto.Commit));

    public static NodeInfo ToNodeInfo(this Proto.NodeInfo proto) => new(
        proto.ClassName,
        proto.FullPath,
        proto.Source switch
        {
            "builtin" => NodeSource.Builtin,
            "plugin" => NodeSource.Plugin,
            _ => NodeSource.Unknown,
        },
        NullIfEmpty(proto.PluginName),
        Ports(proto.InputSpecs),
        Ports(proto.OutputSpecs));

    public static ServerStatus ToServerStatus(this Cuvis.Sandbox.Protos.Status.V1.GetServerStatusResponse proto) => new(
        proto.Version,
        proto.ContainmentProfile,
        proto.Serving,
        proto.Summary,
        [.. proto.Layers.Select(l => new ContainmentLayerStatus(l.Name, l.State, l.Detail, l.Remedy))],
        proto.SessionsActive,
        proto.MaxSessions,
        proto.PoolReady,
        proto.PoolTarget,
        TimeSpan.FromSeconds(proto.UptimeSeconds));

    public static PipelineLoadResult ToResult(this Proto.LoadPipelineResponse response)
    {
        var metadata = response.Metadata ?? new Proto.PipelineMetadata();
        return new PipelineLoadResult(
            response.PipelineId,
            new PipelineMetadata(metadata.Name, metadata.Description, metadata.Created, metadata.CuvisAiVersion, List(metadata.Tags), metadata.Author));
    }

    /// <summary>The specs in the order of <paramref name="names"/>, then any the names leave out; a name without a spec has an unknown one.</summary>
    public static IReadOnlyList<TensorSpec> ToSpecs(IEnumerable<string> names, IReadOnlyDictionary<string, Proto.TensorSpec> specs)
    {
        var listed = new List<TensorSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names.Concat(specs.Keys))
        {
            if (seen.Add(name))
            {
                listed.Add(specs.TryGetValue(name, out var spec)
                    ? new TensorSpec(name, DTypeOrNull(spec.Dtype), List(spec.Shape), spec.Required)
                    : new TensorSpec(name, null, [], Required: false));
            }
        }

        return listed.AsReadOnly();
    }

    private static ReadOnlyDictionary<string, PortSpec> Ports(MapField<string, Proto.PortSpec> ports)
    {
        var mapped = new Dictionary<string, PortSpec>(ports.Count, StringComparer.Ordinal);
        foreach (var (name, port) in ports)
        {
            mapped.Add(name, new PortSpec(port.Name is { Length: > 0 } portName ? portName : name,
                DTypeOrNull(port.Dtype), List(port.Shape), port.Optional, port.Description));
        }

        return mapped.AsReadOnly();
    }

    private static DType? DTypeOrNull(Proto.DType dtype) => ElementTypes.IsDefined((DType)(int)dtype) ? (DType)(int)dtype : null;

    private static ReadOnlyCollection<T> List<T>(IEnumerable<T> items) => Array.AsReadOnly(items.ToArray());

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
