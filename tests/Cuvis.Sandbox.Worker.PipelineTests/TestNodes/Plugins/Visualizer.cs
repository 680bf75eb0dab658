using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes.Plugins;

/// <summary>One RGB colour per label, and the number of labels as a scalar.</summary>
[InputPort("labels", DType.Int32, -1)]
[OutputPort("colors", DType.UInt8, -1, 3)]
[OutputPort("labelled", DType.Int64)]
public sealed class Visualizer : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var labels = inputs.Required("labels").AsReadOnlySpan<int>();
        var colors = Tensor.Create<byte>(labels.Length, 3);
        var rgb = colors.AsSpan<byte>();
        for (var i = 0; i < labels.Length; i++)
        {
            rgb[(i * 3) + labels[i]] = 255;
        }

        var count = Tensor.Create<long>();
        count.AsSpan<long>()[0] = labels.Length;
        return new NodeOutputs().Set("colors", colors).Set("labelled", count);
    }
}
