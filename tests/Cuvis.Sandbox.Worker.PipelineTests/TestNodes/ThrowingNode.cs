using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

[InputPort("x", DType.Float32, -1)]
[OutputPort("y", DType.Float32, -1)]
public sealed class ThrowingNode(string message = "boom") : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(message);
}
