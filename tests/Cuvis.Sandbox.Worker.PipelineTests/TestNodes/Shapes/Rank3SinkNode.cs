using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes.Shapes;

[InputPort("features", DType.Float32, -1, -1, -1)]
public sealed class Rank3SinkNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) => new();
}
