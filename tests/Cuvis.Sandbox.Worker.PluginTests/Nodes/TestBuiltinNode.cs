using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PluginTests.Nodes;

/// <summary>Stands in for a builtin node until the worker ships one.</summary>
[InputPort("cube", DType.UInt16, 1, -1, -1, -1, Description = "Raw counts, NHWC.")]
[InputPort("mask", DType.Bool, 1, -1, -1, Optional = true)]
[OutputPort("mean", DType.Float32, Description = "Mean count.")]
public sealed class TestBuiltinNode : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("mean", Tensor.Scalar(0f));
}
