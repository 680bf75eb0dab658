using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// Marks each value above a fixed <c>threshold</c> (strictly greater) as true. Unlike cuvis-ai's
/// BinaryDecider it compares the logits themselves, without a sigmoid: logit 0 is probability 0.5.
/// </summary>
[NodeMetadata(NodeCategory.Transform, NodeTag.Anomaly, NodeTag.Mask, NodeTag.Postprocessing)]
[InputPort("logits", DType.Float32, -1, -1, -1, -1, Description = "Logits (or scores), BHWC.")]
[OutputPort("decisions", DType.Bool, -1, -1, -1, -1, Description = "logits > threshold, same shape.")]
internal sealed class BinaryDecider : Node
{
    private const string Name = nameof(BinaryDecider);
    private readonly double _threshold;

    /// <param name="threshold">Values strictly above it are true.</param>
    public BinaryDecider(double threshold = 0)
    {
        NodeArgument.RequireFinite(Name, nameof(threshold), threshold);
        _threshold = threshold;
    }

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var logits = NodeArgument.Float32(inputs, Name, "logits", rank: 4, "BHWC");
        var decisions = Tensor.Create<bool>(logits.Shape.ToArray());
        var source = logits.AsReadOnlySpan<float>();
        var target = decisions.AsSpan<bool>();
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = source[i] > _threshold;
        }

        return new NodeOutputs().Set("decisions", decisions);
    }
}
