using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

/// <summary>y = x + delta (+ bias when connected); notes <c>label</c> in the call log <c>log</c>.</summary>
[InputPort("x", DType.Float32, -1)]
[InputPort("bias", DType.Float32, -1, Optional = true)]
[OutputPort("y", DType.Float32, -1)]
public sealed class AddNode(float delta = 1f, string log = "", string label = "") : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        CallLog.Record(log, inputs.Contains("bias") ? $"{label}+bias" : label);
        var x = inputs.Required("x").AsReadOnlySpan<float>();
        var bias = inputs.Optional("bias");
        var y = Tensor.Create<float>(x.Length);
        var values = y.AsSpan<float>();
        for (var i = 0; i < x.Length; i++)
        {
            values[i] = x[i] + delta + (bias is null ? 0f : bias.AsReadOnlySpan<float>()[i]);
        }

        return new NodeOutputs().Set("y", y);
    }
}
