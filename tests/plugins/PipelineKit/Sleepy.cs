using Cuvis.Sandbox.Contracts;

namespace PipelineKit;

/// <summary>
/// Sleeps for as many milliseconds as its first input value says, as a slow model would, but stops
/// as soon as the host gives up on the call.
/// </summary>
[InputPort("data", DType.Float32, -1)]
[OutputPort("data", DType.Float32, -1)]
public sealed class Sleepy : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var data = inputs.Required("data");
        cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(data.AsReadOnlySpan<float>()[0]));
        cancellationToken.ThrowIfCancellationRequested();
        return new NodeOutputs().Set("data", data);
    }
}
