using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.Plugins;
using Google.Protobuf;
using Google.Rpc;
using ContractDType = Cuvis.Sandbox.Contracts.DType;
using ContractNodeCategory = Cuvis.Sandbox.Contracts.NodeCategory;
using ContractNodeTag = Cuvis.Sandbox.Contracts.NodeTag;
using ContractPortSpec = Cuvis.Sandbox.Contracts.PortSpec;
using LoadPluginRequest = Cuvis.Sandbox.Protos.Worker.V1.LoadPluginRequest;
using LoadPluginResponse = Cuvis.Sandbox.Protos.Worker.V1.LoadPluginResponse;

namespace Cuvis.Sandbox.Worker.Grpc;

/// <summary>The one place where plugin and node values meet their protobuf messages.</summary>
internal static class ProtoMapping
{
    public static BuiltPlugin ToDomain(this LoadPluginRequest request) =>
        new(request.Name, request.Directory, request.MainAssembly, [.. request.Provides]);

    public static LoadPluginResponse ToProto(this PluginLoadResult result)
    {
        if (!result.Loaded)
        {
            return new LoadPluginResponse { Loaded = false, Error = result.Error };
        }

        var response = new LoadPluginResponse { Loaded = true };
        response.Nodes.AddRange(result.Plugin.Nodes.Select(ToProto));
        return response;
    }

    public static ListAvailableNodesResponse ToProto(this IReadOnlyList<NodeDescriptor> nodes)
    {
        var response = new ListAvailableNodesResponse();
        response.Nodes.AddRange(nodes.Select(ToProto));
        return response;
    }

    public static NodeInfo ToProto(this NodeDescriptor node)
    {
        var info = new NodeInfo
        {
            ClassName = node.ClassName,
            FullPath = node.FullPath,
            Source = node.Source.ToProto(),
            PluginName = node.PluginName,
            Category = node.Metadata.Category.ToProto(),
            IconSvg = ByteString.CopyFromUtf8(node.Metadata.IconSvg),
        };
        info.Tags.AddRange(node.Metadata.Tags.Select(ToProto));
        foreach (var port in node.Inputs)
        {
            info.InputSpecs.Add(port.Name, port.ToProto());
        }

        foreach (var port in node.Outputs)
        {
            info.OutputSpecs.Add(port.Name, port.ToProto());
        }

        return info;
    }

    public static PortSpec ToProto(this ContractPortSpec port)
    {
        var spec = new PortSpec
        {
            Name = port.Name,
            Dtype = port.DType.ToProto(),
            Optional = port.Optional,
            Description = port.Description,
            Variadic = port.Variadic,
        };
        spec.Shape.AddRange(port.Shape);
        return spec;
    }

    public static Protos.V1.PipelineMetadata ToProto(this Pipelines.PipelineMetadata metadata)
    {
        var proto = new Protos.V1.PipelineMetadata
        {
            Name = metadata.Name,
            Description = metadata.Description,
            Created = metadata.Created,
            CuvisAiVersion = metadata.CuvisAiVersion,
            Author = metadata.Author,
        };
        proto.Tags.AddRange(metadata.Tags);
        return proto;
    }

    /// <summary>The unconnected inputs, one entry per batch key (port name): cuvis-ai binds inputs by port name.</summary>
    public static GetPipelineInputsResponse ToInputsProto(this IReadOnlyList<PipelinePort> ports)
    {
        var response = new GetPipelineInputsResponse();
        foreach (var group in ports.GroupBy(p => p.Port, StringComparer.Ordinal))
        {
            response.InputNames.Add(group.Key);
            response.InputSpecs[group.Key] = group.First().ToTensorSpec(group.Key, required: group.Any(p => p.Required));
        }

        return response;
    }

    /// <summary>The unconnected outputs, keyed <c>&lt;node&gt;.&lt;port&gt;</c> as Inference returns them.</summary>
    public static GetPipelineOutputsResponse ToOutputsProto(this IReadOnlyList<PipelinePort> ports)
    {
        var response = new GetPipelineOutputsResponse();
        foreach (var port in ports)
        {
            response.OutputNames.Add(port.Key);
            response.OutputSpecs[port.Key] = port.ToTensorSpec(port.Key, required: false);
        }

        return response;
    }

    private static TensorSpec ToTensorSpec(this PipelinePort port, string name, bool required)
    {
        var spec = new TensorSpec { Name = name, Dtype = port.Spec.DType.ToProto(), Required = required };
        spec.Shape.AddRange(port.Spec.Shape);
        return spec;
    }

    /// <summary>The field violation of a problem, its description the problem's sentence.</summary>
    public static BadRequest.Types.FieldViolation ToViolation(this PipelineProblem problem) =>
        new() { Field = problem.Field, Description = problem.Description };

    // The contracts' DType values are the wire's numbers by design (1 to 8, 0 unused).
    public static DType ToProto(this ContractDType dtype) => (DType)(int)dtype;

    // The contracts' NodeCategory and NodeTag copy upstream's names and numbers, as the proto does.
    public static NodeCategory ToProto(this ContractNodeCategory category) => (NodeCategory)(int)category;

    public static NodeTag ToProto(this ContractNodeTag tag) => (NodeTag)(int)tag;

    public static string ToProto(this NodeSource source) => source switch
    {
        NodeSource.Builtin => "builtin",
        NodeSource.Plugin => "plugin",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown node source."),
    };
}
