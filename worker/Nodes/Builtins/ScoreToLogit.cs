using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// Turns anomaly scores into logits with a fixed affine map, <c>scale * (scores - bias)</c>, so a
/// score equal to <c>bias</c> becomes logit 0, the natural threshold of <see cref="BinaryDecider"/>.
/// </summary>
[NodeMetadata(NodeCategory.Transform, NodeTag.Anomaly, NodeTag.Postprocessing)]
[InputPort("scores", DType.Float32, -1, -1, -1, -1, Description = "Anomaly scores, BHWC.")]
[OutputPort("logits", DType.Float32, -1, -1, -1, -1, Description = "scale * (scores - bias), same shape.")]
internal sealed class ScoreToLogit : Node
{
    private const string Name = nameof(ScoreToLogit);
    private readonly double _scale;
    private readonly double _bias;

    /// <param name="scale">Factor applied after subtracting <paramref name="bias"/>.</param>
    /// <param name="bias">The score that maps to logit 0.</param>
    public ScoreToLogit(double scale = 1, double bias = 0)
    {
        NodeArgument.RequireFinite(Name, nameof(scale), scale);
        NodeArgument.RequireFinite(Name, nameof(bias), bias);
        _scale = scale;
        _bias = bias;
    }

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var scores = NodeArgument.Float32(inputs, Name, "scores", rank: 4, "BHWC");
        var logits = Tensor.Create<float>(scores.Shape.ToArray());
        var source = scores.AsReadOnlySpan<float>();
        var target = logits.AsSpan<float>();
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = (float)(_scale * (source[i] - _bias));
        }

        return new NodeOutputs().Set("logits", logits);
    }
}
