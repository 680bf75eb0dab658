using Cuvis.Sandbox.Contracts;

namespace GoodPlugin;

[InputPort("not a name", DType.Float32, -1)]
public sealed class BadPortNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) => new();
}
