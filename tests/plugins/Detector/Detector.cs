using Cuvis.Sandbox.Contracts;

namespace Detector;

/// <summary>The spec's multi-plugin example, step 1: flags pixels whose band mean exceeds a threshold.</summary>
[InputPort("cube", DType.Float32, -1, -1, -1, -1)]
[OutputPort("detections", DType.Float32, -1, -1, -1, 1, Description = "1 where detected, else 0.")]
public sealed class Detector(float threshold = 0.5f) : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var cube = inputs.Required("cube");
        var shape = cube.Shape.ToArray();
        var bands = (int)shape[^1];
        var values = cube.AsReadOnlySpan<float>();
        var detections = Tensor.Create<float>(shape[0], shape[1], shape[2], 1);
        var target = detections.AsSpan<float>();
        for (var pixel = 0; pixel < target.Length; pixel++)
        {
            var sum = 0f;
            foreach (var value in values.Slice(pixel * bands, bands))
            {
                sum += value;
            }

            target[pixel] = sum / bands > threshold ? 1f : 0f;
        }

        return new NodeOutputs().Set("detections", detections);
    }
}
