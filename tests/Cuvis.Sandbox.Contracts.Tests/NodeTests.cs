namespace Cuvis.Sandbox.Contracts.Tests;

/// <summary>The example node from the package README and the <see cref="Node"/> docs, run as a plugin author would.</summary>
public class NodeTests
{
    [Fact]
    public void Forward_ReadmeExample_ReturnsScaledMeanAsScalar()
    {
        var cube = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 1, 1, 2, 3);
        var node = new MeanNode(scale: 2f);

        var outputs = node.Forward(new NodeInputs(new Dictionary<string, Tensor> { ["cube"] = cube }), CancellationToken.None);

        outputs.TryGet("mean", out var mean).Should().BeTrue();
        mean!.IsScalar.Should().BeTrue();
        mean.AsReadOnlySpan<float>()[0].Should().Be(7f);
    }

    [Fact]
    public void Ports_ReadmeExample_DeclaresCubeInAndScalarMeanOut()
    {
        NodePorts.InputsOf(typeof(MeanNode)).Should().ContainSingle()
            .Which.Should().Be(new PortSpec("cube", DType.Float32, [1, -1, -1, -1], false, "Hyperspectral cube, NHWC."));
        NodePorts.OutputsOf(typeof(MeanNode)).Should().ContainSingle()
            .Which.Shape.Should().BeEmpty();
    }

    [InputPort("cube", DType.Float32, 1, -1, -1, -1, Description = "Hyperspectral cube, NHWC.")]
    [OutputPort("mean", DType.Float32, Description = "Mean of every value in the cube, times scale.")]
    private sealed class MeanNode(float scale = 1f) : Node
    {
        public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
        {
            var cube = inputs.Required("cube").AsReadOnlySpan<float>();
            var sum = 0.0;
            foreach (var value in cube)
            {
                sum += value;
            }

            var mean = cube.IsEmpty ? 0.0 : sum / cube.Length;
            return new NodeOutputs().Set("mean", Tensor.Scalar((float)(mean * scale)));
        }
    }
}
