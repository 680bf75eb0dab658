using Cuvis.Sandbox.Contracts;

// Rename the namespace with your plugin. The manifest's "provides" lists node classes by full
// name: "MyPlugin.MyNode" here.
namespace MyPlugin;

/// <summary>
/// Multiplies every value of the cube by <c>gain</c> and reports the mean of the result.
/// Replace this with what your node computes: clients read it next to the node's ports.
/// </summary>
// One attribute per port: name, dtype, then the shape in BHWC order (-1 = any size; no sizes at
// all = a scalar). The host checks every input against these before Forward runs, and every
// output after it returns.
[InputPort("cube", DType.Float32, -1, -1, -1, -1, Description = "Hyperspectral cube, BHWC.")]
[OutputPort("scaled", DType.Float32, -1, -1, -1, -1, Description = "The cube times gain.")]
[OutputPort("mean", DType.Float32, Description = "Mean of the scaled cube; a scalar, so the client also gets it as a metric.")]
public sealed class MyNode : Node
{
    private readonly float _gain;

    // Exactly one public constructor. The pipeline's params bind to its parameters by name
    // (`gain: 2.0` in YAML); a parameter with a default is optional. Check them here, so a bad
    // value fails as soon as the node is created, with a message naming the parameter.
    public MyNode(float gain = 1f)
    {
        if (!float.IsFinite(gain))
        {
            throw new ArgumentException($"gain must be a finite number; got {gain}.", nameof(gain));
        }

        _gain = gain;
    }

    // Runs once per inference. Read the inputs, never write to them, and return a new tensor for
    // every output port. Keep no state between calls.
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var cube = inputs.Required("cube");
        var scaled = Tensor.Create<float>(cube.Shape.ToArray());
        var source = cube.AsReadOnlySpan<float>();
        var target = scaled.AsSpan<float>();
        var sum = 0.0;
        for (var i = 0; i < source.Length; i++)
        {
            // A long loop checks the token now and then, so a cancelled call stops promptly.
            if (i % 65536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            target[i] = source[i] * _gain;
            sum += target[i];
        }

        var mean = target.IsEmpty ? 0f : (float)(sum / target.Length);
        return new NodeOutputs()
            .Set("scaled", scaled)
            .Set("mean", Tensor.Scalar(mean));
    }
}
