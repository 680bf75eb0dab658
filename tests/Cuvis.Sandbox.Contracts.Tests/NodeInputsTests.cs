namespace Cuvis.Sandbox.Contracts.Tests;

public class NodeInputsTests
{
    private readonly Tensor _cube = Tensor.Create<float>(1, 2, 2, 3);
    private readonly Tensor _mask = Tensor.Create<bool>(1, 2, 2);

    [Fact]
    public void Required_PresentPort_ReturnsItsTensor()
    {
        var inputs = CreateSut();

        inputs.Required("cube").Should().BeSameAs(_cube);
    }

    [Fact]
    public void Required_MissingPort_ThrowsNamingThePortAndThePortsPresent()
    {
        var inputs = CreateSut();

        var act = () => inputs.Required("cbue");

        act.Should().Throw<KeyNotFoundException>()
            .WithMessage("Input port 'cbue' has no tensor. Ports present: 'cube', 'mask'.*[InputPort]*");
    }

    [Fact]
    public void Required_NoInputsAtAll_SaysNoneArePresent()
    {
        var inputs = new NodeInputs(new Dictionary<string, Tensor>());

        var act = () => inputs.Required("cube");

        act.Should().Throw<KeyNotFoundException>().WithMessage("*Ports present: none.*");
    }

    [Fact]
    public void Optional_PresentPort_ReturnsItsTensor()
    {
        var inputs = CreateSut();

        inputs.Optional("mask").Should().BeSameAs(_mask);
    }

    [Fact]
    public void Optional_MissingPort_ReturnsNull()
    {
        var inputs = CreateSut();

        inputs.Optional("weights").Should().BeNull();
    }

    [Fact]
    public void Contains_PortNames_AreCaseSensitive()
    {
        var inputs = CreateSut();

        inputs.Contains("cube").Should().BeTrue();
        inputs.Contains("Cube").Should().BeFalse();
    }

    [Fact]
    public void Names_ListsEveryPortPresent()
    {
        var inputs = CreateSut();

        inputs.Names.Should().BeEquivalentTo("cube", "mask");
    }

    [Fact]
    public void Constructor_CallerChangesDictionaryAfterwards_InputsUnchanged()
    {
        var tensors = new Dictionary<string, Tensor> { ["cube"] = _cube };
        var inputs = new NodeInputs(tensors);

        tensors["mask"] = _mask;
        tensors.Remove("cube");

        inputs.Names.Should().Equal("cube");
    }

    [Fact]
    public void Constructor_NullTensor_ThrowsNamingThePort()
    {
        var tensors = new Dictionary<string, Tensor> { ["cube"] = null! };

        var act = () => new NodeInputs(tensors);

        act.Should().Throw<ArgumentException>().WithMessage("*port 'cube' with no tensor*").Which.ParamName.Should().Be("tensors");
    }

    private NodeInputs CreateSut() => new(new Dictionary<string, Tensor> { ["mask"] = _mask, ["cube"] = _cube });
}
