using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Nodes;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>A constructed node of a pipeline, with the dtypes each of its inputs accepts.</summary>
/// <param name="Name">The node name from the document.</param>
/// <param name="Index">Its position among the document's nodes; breaks ties in the execution order.</param>
/// <param name="Descriptor">The node class and its declared ports.</param>
/// <param name="Instance">The node, constructed with the document's params.</param>
internal sealed record PipelineNode(string Name, int Index, NodeDescriptor Descriptor, Node Instance)
{
    // Asked once, at build time: the answer cannot change, and a run should not call into the
    // node for anything but Forward.
    private readonly Dictionary<string, IReadOnlySet<DType>> _accepted = Descriptor.Inputs.ToDictionary(
        port => port.Name,
        IReadOnlySet<DType> (port) => ReadAcceptedDTypes(Instance, port),
        StringComparer.Ordinal);

    public string ClassName => Descriptor.FullPath;

    public PortSpec? Input(string port) => Descriptor.Inputs.FirstOrDefault(spec => spec.Name == port);

    public PortSpec? Output(string port) => Descriptor.Outputs.FirstOrDefault(spec => spec.Name == port);

    /// <summary>The dtypes input <paramref name="port"/> takes: the declared one, widened by <see cref="IAcceptsDTypes"/>.</summary>
    public IReadOnlySet<DType> AcceptedDTypes(string port) => _accepted[port];

    private static HashSet<DType> ReadAcceptedDTypes(Node instance, PortSpec port)
    {
        var accepted = new HashSet<DType> { port.DType };
        if (instance is IAcceptsDTypes widening)
        {
            accepted.UnionWith(widening.AcceptedInputDTypes(port.Name));
        }

        return accepted;
    }
}
