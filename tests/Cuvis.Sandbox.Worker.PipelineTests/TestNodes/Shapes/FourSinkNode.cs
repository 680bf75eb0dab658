using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes.Shapes;

[InputPort("x", DType.Float32, 4)]
public sealed class FourSinkNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) => new();
}
