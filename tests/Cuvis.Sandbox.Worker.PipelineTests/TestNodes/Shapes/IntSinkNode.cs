using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes.Shapes;

[InputPort("features", DType.Int32, -1, -1)]
public sealed class IntSinkNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) => new();
}
