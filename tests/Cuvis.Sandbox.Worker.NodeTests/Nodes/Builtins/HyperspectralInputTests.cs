using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Nodes.Builtins;
using Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

namespace Cuvis.Sandbox.Worker.NodeTests.Nodes.Builtins;

public class HyperspectralInputTests
{
    [Fact]
    public void Forward_UInt16Cube_ConvertsEveryCountExactlyToFloat32()
    {
        var cube = Tensor.FromArray(new ushort[] { 0, 1, 1234, 65535 }, 1, 1, 2, 2);

        var result = CreateSut().Run(("cube", cube)).Output("cube");

        result.DType.Should().Be(DType.Float32);
        result.Shape.ToArray().Should().Equal(1, 1, 2, 2);
        result.AsReadOnlySpan<float>().ToArray().Should().Equal(0f, 1f, 1234f, 65535f);
    }

    [Fact]
    public void Forward_Float32Cube_PassesTheSameTensorOn()
    {
        var cube = NodeRun.Cube([0.5f, 2f], 1, 1, 1, 2);

        var outputs = CreateSut().Run(("cube", cube));

        outputs.Output("cube").Should().BeSameAs(cube);
    }

    [Fact]
    public void Forward_CubeOnly_AddsAnAllFalseMaskAndAnEmptyWavelengthTable()
    {
        var outputs = CreateSut().Run(("cube", NodeRun.Cube([1f, 2f, 3f, 4f], 1, 2, 2, 1)));

        outputs.Names.Should().BeEquivalentTo("cube", "mask", "wavelengths");
        outputs.Output("mask").Shape.ToArray().Should().Equal(1, 2, 2, 1);
        outputs.Output("mask").AsReadOnlySpan<bool>().ToArray().Should().AllBeEquivalentTo(false);
        outputs.Output("wavelengths").Shape.ToArray().Should().Equal(0);
    }

    [Fact]
    public void Forward_UInt8MaskAndInt32Wavelengths_PassesThemOnAsBoolBhwcAndFloat32()
    {
        var cube = NodeRun.Cube([1f, 2f, 3f, 4f], 1, 1, 2, 2);
        var mask = Tensor.FromArray(new byte[] { 0, 3 }, 1, 1, 2);
        var wavelengths = Tensor.FromArray(new[] { 450, 550 }, 2);

        var outputs = CreateSut().Run(("cube", cube), ("mask", mask), ("wavelengths", wavelengths));

        outputs.Output("mask").Shape.ToArray().Should().Equal(1, 1, 2, 1);
        outputs.Bools("mask").Should().Equal(false, true);
        outputs.Output("wavelengths").DType.Should().Be(DType.Float32);
        outputs.Floats("wavelengths").Should().Equal(450f, 550f);
    }

    [Fact]
    public void Forward_BoolMaskAndFloat32Wavelengths_AreCopiedUnchanged()
    {
        var cube = NodeRun.Cube([1f, 2f], 1, 2, 1, 1);
        var mask = Tensor.FromArray(new[] { true, false }, 1, 2, 1);
        var wavelengths = Tensor.FromArray(new[] { 612.5f }, 1);

        var outputs = CreateSut().Run(("cube", cube), ("mask", mask), ("wavelengths", wavelengths));

        outputs.Bools("mask").Should().Equal(true, false);
        outputs.Output("mask").Should().NotBeSameAs(mask);
        outputs.Floats("wavelengths").Should().Equal(612.5f);
    }

    [Fact]
    public void Forward_Int32Cube_ThrowsNamingTheAcceptedTypes()
    {
        var cube = Tensor.FromArray(new[] { 1, 2 }, 1, 1, 1, 2);

        var forward = () => CreateSut().Run(("cube", cube));

        forward.Should().Throw<ArgumentException>()
            .WithMessage("HyperspectralInput: input 'cube' must be a Float32 or UInt16 BHWC tensor (rank 4); got Tensor(Int32, [1, 1, 1, 2]). (Parameter 'cube')")
            .Which.ParamName.Should().Be("cube");
    }

    [Fact]
    public void Forward_MaskOfAnotherSize_ThrowsNamingTheExpectedShape()
    {
        var cube = NodeRun.Cube([1f, 2f], 1, 1, 2, 1);
        var mask = Tensor.FromArray(new[] { true, false, true }, 1, 1, 3);

        var forward = () => CreateSut().Run(("cube", cube), ("mask", mask));

        forward.Should().Throw<ArgumentException>().WithMessage(
            "HyperspectralInput: input 'mask' must be a Bool or UInt8 tensor of the cube's batch, height and width [1, 1, 2]; got Tensor(Bool, [1, 1, 3]). (Parameter 'mask')");
    }

    [Fact]
    public void Forward_WavelengthsNotOnePerBand_Throws()
    {
        var cube = NodeRun.Cube([1f, 2f], 1, 1, 1, 2);
        var wavelengths = Tensor.FromArray(new[] { 400f, 500f, 600f }, 3);

        var forward = () => CreateSut().Run(("cube", cube), ("wavelengths", wavelengths));

        forward.Should().Throw<ArgumentException>().WithMessage(
            "HyperspectralInput: input 'wavelengths' must be a Float32 or Int32 tensor with one wavelength per band [2]; got Tensor(Float32, [3]). (Parameter 'wavelengths')");
    }

    [Fact]
    public void Forward_NoCube_ThrowsNamingThePort()
    {
        var forward = () => CreateSut().Run();

        forward.Should().Throw<ArgumentException>().WithMessage("HyperspectralInput: input 'cube' must be a BHWC cube; got no tensor. (Parameter 'cube')");
    }

    [Theory]
    [InlineData("cube", new[] { DType.Float32, DType.UInt16 })]
    [InlineData("mask", new[] { DType.Bool, DType.UInt8 })]
    [InlineData("wavelengths", new[] { DType.Float32, DType.Int32 })]
    [InlineData("scores", new DType[0])]
    public void AcceptedInputDTypes_Port_ListsTheDeclaredAndTheConvertedTypes(string port, DType[] expected)
    {
        CreateSut().AcceptedInputDTypes(port).Should().BeEquivalentTo(expected);
    }

    private static HyperspectralInput CreateSut() => new();
}
