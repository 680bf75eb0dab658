using Cuvis.Sandbox.Contracts;

namespace GoodPlugin;

public sealed class TwoConstructorsNode : Node
{
    public TwoConstructorsNode()
    {
    }

    public TwoConstructorsNode(int size) => Size = size;

    public int Size { get; }

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) => new();
}
