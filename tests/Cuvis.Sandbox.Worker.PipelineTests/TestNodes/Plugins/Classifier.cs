using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes.Plugins;

/// <summary>Labels each detection by its row: 0 for the top half, 1 below.</summary>
[InputPort("objects", DType.Float32, -1, 4)]
[OutputPort("classes", DType.Int32, -1)]
public sealed class Classifier : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var objects = inputs.Required("objects");
        var boxes = objects.AsReadOnlySpan<float>();
        var classes = Tensor.Create<int>(objects.Shape[0]);
        var labels = classes.AsSpan<int>();
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = boxes[i * 4] >= 1 ? 1 : 0;
        }

        return new NodeOutputs().Set("classes", classes);
    }
}
