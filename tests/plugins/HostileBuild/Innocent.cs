using Cuvis.Sandbox.Contracts;

namespace HostileBuild;

/// <summary>What the plugin claims to be: a harmless node. Its project file is the attack.</summary>
[InputPort("data", DType.Float32, -1)]
[OutputPort("data", DType.Float32, -1)]
public sealed class Innocent : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("data", inputs.Required("data"));
}
