using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

/// <summary>Two scalar outputs of different dtypes, to check what becomes a metric.</summary>
[InputPort("x", DType.Float32, -1)]
[OutputPort("sum", DType.Float32)]
[OutputPort("count", DType.Int64)]
public sealed class SumNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var x = inputs.Required("x").AsReadOnlySpan<float>();
        var sum = 0f;
        foreach (var value in x)
        {
            sum += value;
        }

        var count = Tensor.Create<long>();
        count.AsSpan<long>()[0] = x.Length;
        return new NodeOutputs().Set("sum", Tensor.Scalar(sum)).Set("count", count);
    }
}
