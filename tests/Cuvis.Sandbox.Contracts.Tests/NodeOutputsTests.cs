namespace Cuvis.Sandbox.Contracts.Tests;

public class NodeOutputsTests
{
    private readonly Tensor _scores = Tensor.Create<float>(2, 2);
    private readonly Tensor _threshold = Tensor.Scalar(0.5f);

    [Fact]
    public void Set_Chained_ReturnsTheSameInstanceAndKeepsEveryPort()
    {
        var outputs = new NodeOutputs();

        var returned = outputs.Set("scores", _scores).Set("threshold", _threshold);

        returned.Should().BeSameAs(outputs);
        outputs.Names.Should().BeEquivalentTo("scores", "threshold");
    }

    [Fact]
    public void TryGet_SetPort_ReturnsItsTensor()
    {
        var outputs = new NodeOutputs().Set("scores", _scores);

        outputs.TryGet("scores", out var tensor).Should().BeTrue();
        tensor.Should().BeSameAs(_scores);
    }

    [Fact]
    public void TryGet_UnsetPort_ReturnsFalseAndNull()
    {
        var outputs = new NodeOutputs().Set("scores", _scores);

        outputs.TryGet("threshold", out var tensor).Should().BeFalse();
        tensor.Should().BeNull();
    }

    [Fact]
    public void Set_SamePortTwice_KeepsTheLastTensor()
    {
        var outputs = new NodeOutputs().Set("scores", _scores);

        outputs.Set("scores", _threshold);

        outputs.TryGet("scores", out var tensor).Should().BeTrue();
        tensor.Should().BeSameAs(_threshold);
        outputs.Names.Should().Equal("scores");
    }

    [Fact]
    public void Set_NullTensor_ThrowsArgumentNull()
    {
        var act = () => new NodeOutputs().Set("scores", null!);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("tensor");
    }

    [Fact]
    public void Set_EmptyPortName_ThrowsArgument()
    {
        var act = () => new NodeOutputs().Set("", _scores);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("port");
    }
}
