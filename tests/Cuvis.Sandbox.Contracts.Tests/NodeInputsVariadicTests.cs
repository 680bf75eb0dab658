namespace Cuvis.Sandbox.Contracts.Tests;

public class NodeInputsVariadicTests
{
    private readonly Tensor _first = Tensor.Scalar(1f);
    private readonly Tensor _second = Tensor.Scalar(2f);
    private readonly Tensor _third = Tensor.Scalar(3f);

    [Fact]
    public void GetAll_SeveralTensors_ReturnsThemInTheGivenOrder()
    {
        var inputs = CreateSut();

        inputs.GetAll("parts").Should().Equal(_first, _second, _third);
    }

    [Fact]
    public void GetAll_OneTensorPort_ReturnsThatTensorAlone()
    {
        var inputs = new NodeInputs(new Dictionary<string, Tensor> { ["cube"] = _first });

        inputs.GetAll("cube").Should().Equal(_first);
    }

    [Fact]
    public void GetAll_MissingPort_ReturnsEmpty()
    {
        CreateSut().GetAll("other").Should().BeEmpty();
    }

    [Fact]
    public void Required_PortWithSeveralTensors_ThrowsPointingToGetAll()
    {
        var inputs = CreateSut();

        var act = () => inputs.Required("parts");

        act.Should().Throw<InvalidOperationException>().WithMessage("Input port 'parts' has 3 tensors*GetAll(port)*");
    }

    [Fact]
    public void Required_PortWithOneTensorInAList_ReturnsIt()
    {
        CreateSut().Required("scale").Should().BeSameAs(_first);
    }

    [Fact]
    public void Constructor_EmptyList_PortHasNoTensor()
    {
        var inputs = new NodeInputs(new Dictionary<string, IReadOnlyList<Tensor>> { ["parts"] = [] });

        inputs.Contains("parts").Should().BeFalse();
        inputs.Optional("parts").Should().BeNull();
    }

    [Fact]
    public void Constructor_CallerChangesListAfterwards_InputsUnchanged()
    {
        var parts = new List<Tensor> { _first, _second };
        var inputs = new NodeInputs(new Dictionary<string, IReadOnlyList<Tensor>> { ["parts"] = parts });

        parts.Add(_third);

        inputs.GetAll("parts").Should().Equal(_first, _second);
    }

    [Fact]
    public void Constructor_NullTensorInList_ThrowsNamingThePort()
    {
        var act = () => new NodeInputs(new Dictionary<string, IReadOnlyList<Tensor>> { ["parts"] = [_first, null!] });

        act.Should().Throw<ArgumentException>().WithMessage("*port 'parts' with no tensor*").Which.ParamName.Should().Be("tensors");
    }

    private NodeInputs CreateSut() => new(new Dictionary<string, IReadOnlyList<Tensor>>
    {
        ["parts"] = [_first, _second, _third],
        ["scale"] = [_first],
    });
}
