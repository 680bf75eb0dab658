using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

/// <summary>Joins every vector fed into its variadic input, in connection order.</summary>
[NodeMetadata(NodeCategory.Control, NodeTag.Tabular)]
[InputPort("parts", DType.Float32, -1, Variadic = true)]
[OutputPort("joined", DType.Float32, -1)]
public sealed class ConcatNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var joined = inputs.GetAll("parts").SelectMany(part => part.AsReadOnlySpan<float>().ToArray()).ToArray();
        return new NodeOutputs().Set("joined", Tensor.FromArray(joined, joined.Length));
    }
}
