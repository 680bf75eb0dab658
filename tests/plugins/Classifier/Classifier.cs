using Cuvis.Sandbox.Contracts;

namespace Classifier;

/// <summary>The spec's multi-plugin example, step 2: turns detections into class ids (0 background, classId object).</summary>
[InputPort("objects", DType.Float32, -1, -1, -1, 1)]
[OutputPort("classes", DType.Int32, -1, -1, -1, 1)]
[OutputPort("count", DType.Float32, Description = "Number of object pixels (a metric).")]
public sealed class Classifier(int classId = 7) : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var objects = inputs.Required("objects");
        var classes = Tensor.Create<int>(objects.Shape.ToArray());
        var target = classes.AsSpan<int>();
        var source = objects.AsReadOnlySpan<float>();
        var count = 0;
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = source[i] > 0 ? classId : 0;
            count += source[i] > 0 ? 1 : 0;
        }

        return new NodeOutputs().Set("classes", classes).Set("count", Tensor.Scalar((float)count));
    }
}
