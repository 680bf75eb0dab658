using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

/// <summary>Waits for cancellation (at most ten seconds) and then honours it, as a long kernel should.</summary>
[InputPort("x", DType.Float32, -1)]
[OutputPort("y", DType.Float32, -1)]
public sealed class BlockingNode(string log = "") : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        CallLog.Record(log, "blocking");
        cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(10));
        cancellationToken.ThrowIfCancellationRequested();
        return new NodeOutputs().Set("y", inputs.Required("x"));
    }
}
