using Cuvis.Sandbox.Contracts;

namespace PipelineKit;

/// <summary>Adds a constant; two pipelines with different offsets tell which one ran.</summary>
[InputPort("data", DType.Float32, -1)]
[OutputPort("shifted", DType.Float32, -1)]
[OutputPort("total", DType.Float32, Description = "Sum of the shifted values (a metric).")]
public sealed class Offset(float amount = 1f) : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var data = inputs.Required("data");
        var shifted = Tensor.FromArray(data.AsReadOnlySpan<float>().ToArray(), data.Shape.ToArray());
        var total = 0.0;
        foreach (ref var value in shifted.AsSpan<float>())
        {
            value += amount;
            total += value;
        }

        return new NodeOutputs().Set("shifted", shifted).Set("total", Tensor.Scalar((float)total));
    }
}
