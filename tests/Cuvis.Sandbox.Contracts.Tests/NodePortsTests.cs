namespace Cuvis.Sandbox.Contracts.Tests;

public class NodePortsTests
{
    [Fact]
    public void InputsOf_DeclaredPorts_ReadsEveryField()
    {
        var inputs = NodePorts.InputsOf(typeof(AnomalyNode));

        inputs.Should().BeEquivalentTo(
        [
            new PortSpec("cube", DType.Float32, [1, -1, -1, -1], optional: false, "Cube, NHWC."),
            new PortSpec("mask", DType.Bool, [1, -1, -1], optional: true, ""),
            new PortSpec("gain", DType.Float64, [], optional: false, "A scalar."),
        ]);
    }

    [Fact]
    public void OutputsOf_DeclaredPorts_ReadsEveryFieldAndNoneIsOptional()
    {
        var outputs = NodePorts.OutputsOf(typeof(AnomalyNode));

        outputs.Should().BeEquivalentTo(
        [
            new PortSpec("scores", DType.Float32, [-1, -1, -1, 1], optional: false, "Score per pixel."),
            new PortSpec("cube", DType.Float32, [], optional: false, ""),
        ]);
    }

    [Fact]
    public void InputsOf_VariadicPort_ReadsVariadicOnThatPortOnly()
    {
        var inputs = NodePorts.InputsOf(typeof(FanInNode));

        inputs.Should().Equal(
            new PortSpec("parts", DType.Float32, [-1], optional: false, "Any number.") { Variadic = true },
            new PortSpec("scale", DType.Float32, []));
        NodePorts.InputsOf(typeof(AnomalyNode)).Should().OnlyContain(port => !port.Variadic);
    }

    [Fact]
    public void InputsOf_NoPortsDeclared_ReturnsEmpty()
    {
        NodePorts.InputsOf(typeof(PortlessNode)).Should().BeEmpty();
        NodePorts.OutputsOf(typeof(PortlessNode)).Should().BeEmpty();
    }

    [Fact]
    public void InputsOf_DerivedNode_ReadsOnlyItsOwnPorts()
    {
        var inputs = NodePorts.InputsOf(typeof(DerivedNode));

        inputs.Select(port => port.Name).Should().Equal("extra");
    }

    [Fact]
    public void InputsOf_DuplicateName_ThrowsNamingClassAndPort()
    {
        var act = () => NodePorts.InputsOf(typeof(DuplicateInputNode));

        act.Should().Throw<ArgumentException>()
            .WithMessage($"Node class '{typeof(DuplicateInputNode).FullName}' declares input port 'cube' more than once*")
            .Which.ParamName.Should().Be("nodeType");
    }

    [Fact]
    public void OutputsOf_DuplicateName_ThrowsNamingClassAndPort()
    {
        var act = () => NodePorts.OutputsOf(typeof(DuplicateOutputNode));

        act.Should().Throw<ArgumentException>()
            .WithMessage($"Node class '{typeof(DuplicateOutputNode).FullName}' declares output port 'scores' more than once*");
    }

    [Theory]
    [InlineData(typeof(DigitFirstNode), "1cube")]
    [InlineData(typeof(HyphenNode), "cube-x")]
    [InlineData(typeof(SpaceNode), "cube x")]
    [InlineData(typeof(EmptyNameNode), "")]
    [InlineData(typeof(NonAsciiNode), "würfel")]
    public void InputsOf_InvalidName_ThrowsNamingClassAndPort(Type nodeType, string name)
    {
        var act = () => NodePorts.InputsOf(nodeType);

        act.Should().Throw<ArgumentException>()
            .WithMessage($"Node class '{nodeType.FullName}' declares an invalid input port. Port name '{name}' is invalid: port names are identifiers*");
    }

    [Fact]
    public void OutputsOf_InvalidName_ThrowsNamingClassAndPort()
    {
        var act = () => NodePorts.OutputsOf(typeof(DigitFirstNode));

        act.Should().Throw<ArgumentException>()
            .WithMessage($"Node class '{typeof(DigitFirstNode).FullName}' declares an invalid output port. Port name '2scores'*");
    }

    [Fact]
    public void InputsOf_UnderscoresAndDigits_AreValidNames()
    {
        var inputs = NodePorts.InputsOf(typeof(UnderscoreNode));

        inputs.Select(port => port.Name).Should().Equal("_cube_2", "Band10");
    }

    [Fact]
    public void InputsOf_SizeBelowMinusOne_ThrowsNamingPortAndSize()
    {
        var act = () => NodePorts.InputsOf(typeof(BadSizeNode));

        act.Should().Throw<ArgumentException>()
            .WithMessage($"Node class '{typeof(BadSizeNode).FullName}'*Port 'cube' has size -2 at index 1 of shape [1, -2]*");
    }

    [Fact]
    public void InputsOf_UndefinedDType_ThrowsNamingPort()
    {
        var act = () => NodePorts.InputsOf(typeof(UndefinedDTypeNode));

        act.Should().Throw<ArgumentException>().WithMessage("*Port 'cube' has dtype 0, which is not a defined DType*");
    }

    [Fact]
    public void InputsOf_TypeNotDerivedFromNode_ThrowsNamingType()
    {
        var act = () => NodePorts.InputsOf(typeof(string));

        act.Should().Throw<ArgumentException>()
            .WithMessage("Type 'System.String' does not derive from Cuvis.Sandbox.Contracts.Node*")
            .Which.ParamName.Should().Be("nodeType");
    }

    [Fact]
    public void InputsOf_Null_ThrowsArgumentNull()
    {
        var act = () => NodePorts.InputsOf(null!);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("nodeType");
    }

    // An input and an output may share a name: they live in separate namespaces.
    [InputPort("cube", DType.Float32, 1, -1, -1, -1, Description = "Cube, NHWC.")]
    [InputPort("mask", DType.Bool, 1, -1, -1, Optional = true)]
    [InputPort("gain", DType.Float64, Description = "A scalar.")]
    [OutputPort("scores", DType.Float32, -1, -1, -1, 1, Description = "Score per pixel.")]
    [OutputPort("cube", DType.Float32)]
    private class AnomalyNode : TestNode;

    [InputPort("extra", DType.UInt8)]
    private sealed class DerivedNode : AnomalyNode;

    private sealed class PortlessNode : TestNode;

    [InputPort("cube", DType.Float32)]
    [InputPort("cube", DType.Float64)]
    private sealed class DuplicateInputNode : TestNode;

    [OutputPort("scores", DType.Float32)]
    [OutputPort("scores", DType.Float32)]
    private sealed class DuplicateOutputNode : TestNode;

    [InputPort("1cube", DType.Float32)]
    [OutputPort("2scores", DType.Float32)]
    private sealed class DigitFirstNode : TestNode;

    [InputPort("cube-x", DType.Float32)]
    private sealed class HyphenNode : TestNode;

    [InputPort("cube x", DType.Float32)]
    private sealed class SpaceNode : TestNode;

    [InputPort("", DType.Float32)]
    private sealed class EmptyNameNode : TestNode;

    [InputPort("würfel", DType.Float32)]
    private sealed class NonAsciiNode : TestNode;

    [InputPort("_cube_2", DType.Float32)]
    [InputPort("Band10", DType.Float32)]
    private sealed class UnderscoreNode : TestNode;

    [InputPort("cube", DType.Float32, 1, -2)]
    private sealed class BadSizeNode : TestNode;

    [InputPort("cube", (DType)0)]
    private sealed class UndefinedDTypeNode : TestNode;

    [InputPort("parts", DType.Float32, -1, Variadic = true, Description = "Any number.")]
    [InputPort("scale", DType.Float32)]
    private sealed class FanInNode : TestNode;

    private abstract class TestNode : Node
    {
        public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) => new();
    }
}
