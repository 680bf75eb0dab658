using Cuvis.Sandbox.Contracts;

namespace VersionA;

[OutputPort("version", DType.Int32, Description = "The version of SharedDependency this plugin runs with.")]
public sealed class DependencyVersionNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("version", Tensor.FromArray(new[] { SharedDependency.Library.Version() }));
}
