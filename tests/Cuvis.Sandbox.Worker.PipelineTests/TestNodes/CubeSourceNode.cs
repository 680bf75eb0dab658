using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

/// <summary>Emits a 1 x height x width x channels Float32 cube with every value set to <c>value</c>.</summary>
[OutputPort("cube", DType.Float32, 1, -1, -1, -1)]
public sealed class CubeSourceNode(int height = 2, int width = 2, int channels = 3, float value = 1f) : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var cube = Tensor.Create<float>(1, height, width, channels);
        cube.AsSpan<float>().Fill(value);
        return new NodeOutputs().Set("cube", cube);
    }
}
