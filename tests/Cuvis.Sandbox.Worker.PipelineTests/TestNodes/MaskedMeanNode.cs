using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

/// <summary>Mean of a cube, over the masked pixels when a mask is given; notes whether it saw one.</summary>
[InputPort("cube", DType.Float32, 1, -1, -1, -1)]
[InputPort("mask", DType.Bool, 1, -1, -1, Optional = true)]
[OutputPort("mean", DType.Float32)]
public sealed class MaskedMeanNode(string log = "") : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        CallLog.Record(log, inputs.Contains("mask") ? "mask" : "no mask");
        var cube = inputs.Required("cube");
        var values = cube.AsReadOnlySpan<float>();
        var channels = (int)cube.Shape[3];
        var mask = inputs.Optional("mask");
        var selected = mask is null ? [] : mask.AsReadOnlySpan<bool>();
        double sum = 0;
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (mask is null || selected[i / channels])
            {
                sum += values[i];
                count++;
            }
        }

        return new NodeOutputs().Set("mean", Tensor.Scalar(count == 0 ? 0f : (float)(sum / count)));
    }
}
