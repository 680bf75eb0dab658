using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

/// <summary>
/// Counts its calls with a deliberately unsafe read-sleep-write, and notes whenever two calls
/// overlap: only a host that serialises calls keeps the count exact and the overlaps at zero.
/// </summary>
[InputPort("x", DType.Float32, -1)]
[OutputPort("calls", DType.Int64)]
public sealed class StatefulNode : Node
{
    private int _active;
    private int _overlaps;
    private long _calls;

    public int Overlaps => Volatile.Read(ref _overlaps);

    public long Calls => Interlocked.Read(ref _calls);

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _active) != 1)
        {
            Interlocked.Increment(ref _overlaps);
        }

        var calls = _calls;
        Thread.Sleep(1);
        _calls = calls + 1;
        Interlocked.Decrement(ref _active);

        var result = Tensor.Create<long>();
        result.AsSpan<long>()[0] = calls + 1;
        return new NodeOutputs().Set("calls", result);
    }
}
