using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes.Plugins;

/// <summary>The spec's multi-plugin example: finds one box per pixel above the threshold.</summary>
[InputPort("cube", DType.Float32, 1, -1, -1, -1)]
[OutputPort("detections", DType.Float32, -1, 4)]
public sealed class Detector(float threshold = 0.5f) : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var cube = inputs.Required("cube");
        var (height, width, channels) = ((int)cube.Shape[1], (int)cube.Shape[2], (int)cube.Shape[3]);
        var values = cube.AsReadOnlySpan<float>();
        var boxes = new List<float>();
        for (var pixel = 0; pixel < height * width; pixel++)
        {
            if (values[pixel * channels] > threshold)
            {
                boxes.AddRange([pixel / width, pixel % width, 1, 1]);
            }
        }

        return new NodeOutputs().Set("detections", Tensor.FromArray([.. boxes], boxes.Count / 4, 4));
    }
}
