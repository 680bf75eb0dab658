using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

/// <summary>Rejects a threshold outside [0, 1] in its constructor, as a careful plugin author would.</summary>
[OutputPort("threshold", DType.Float32)]
public sealed class ValidatingNode : Node
{
    private readonly float _threshold;

    public ValidatingNode(float threshold)
    {
        if (threshold is < 0f or > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must lie between 0 and 1");
        }

        _threshold = threshold;
    }

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("threshold", Tensor.Scalar(_threshold));
}
