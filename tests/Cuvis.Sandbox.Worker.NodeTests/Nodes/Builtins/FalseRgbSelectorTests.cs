using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Nodes.Builtins;
using Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

namespace Cuvis.Sandbox.Worker.NodeTests.Nodes.Builtins;

public class FalseRgbSelectorTests
{
    [Fact]
    public void Forward_Defaults_Picks650550450AndScalesTheImageToZeroOne()
    {
        // Bands at 450, 550, 650, 750 nm. RGB before scaling: (3, 2, 1) and (7, 6, 5); min 1, max 7.
        var cube = NodeRun.Cube([1, 2, 3, 4, 5, 6, 7, 8], 1, 1, 2, 4);

        var rgb = new FalseRgbSelector().Run(("cube", cube), ("wavelengths", Wavelengths(450, 550, 650, 750)));

        rgb.Output("rgb_image").Shape.ToArray().Should().Equal(1, 1, 2, 3);
        rgb.Floats("rgb_image").ShouldEqualApproximately([2 / 6.0, 1 / 6.0, 0, 1, 5 / 6.0, 4 / 6.0]);
    }

    [Fact]
    public void Forward_NoExactBand_PicksTheNearestAndTheLowerOnATie()
    {
        // 650 -> 610 (40 away, not 700 at 50); 550 -> 520 (30); 450 -> 400 (50, not 520 at 70).
        var cube = NodeRun.Cube([10, 20, 30, 40], 1, 1, 1, 4);

        var rgb = new FalseRgbSelector(redNm: 650, greenNm: 550, blueNm: 450).Run(("cube", cube), ("wavelengths", Wavelengths(400, 520, 610, 700)));
        var tie = new FalseRgbSelector(redNm: 565, greenNm: 400, blueNm: 700).Run(("cube", cube), ("wavelengths", Wavelengths(400, 520, 610, 700)));

        rgb.Floats("rgb_image").ShouldEqualApproximately([1, 0.5, 0]);
        tie.Floats("rgb_image").ShouldEqualApproximately([1 / 3.0, 0, 1], 1e-6);
    }

    [Fact]
    public void Forward_Batch_ScalesEveryImageOnItsOwn()
    {
        var cube = NodeRun.Cube([0, 1, 2, 100, 300, 500], 2, 1, 1, 3);

        var rgb = new FalseRgbSelector().Run(("cube", cube), ("wavelengths", Wavelengths(450, 550, 650)));

        rgb.Floats("rgb_image").ShouldEqualApproximately([1, 0.5, 0, 1, 0.5, 0]);
    }

    [Fact]
    public void Forward_ConstantImage_MapsToZero()
    {
        var cube = NodeRun.Cube([5, 5, 5], 1, 1, 1, 3);

        var rgb = new FalseRgbSelector().Run(("cube", cube), ("wavelengths", Wavelengths(450, 550, 650)));

        rgb.Floats("rgb_image").Should().Equal(0f, 0f, 0f);
    }

    [Fact]
    public void Forward_NaNWavelength_ThrowsNamingTheBand()
    {
        var cube = NodeRun.Cube([1, 2], 1, 1, 1, 2);

        var forward = () => new FalseRgbSelector().Run(("cube", cube), ("wavelengths", Wavelengths(450, float.NaN)));

        forward.Should().Throw<ArgumentException>().WithMessage("FalseRgbSelector: input 'wavelengths' must be finite wavelengths; got NaN at band 1. (Parameter 'wavelengths')");
    }

    [Theory]
    [InlineData(0, 550, 450, "redNm", "0")]
    [InlineData(650, -5, 450, "greenNm", "-5")]
    [InlineData(650, 550, double.PositiveInfinity, "blueNm", "Infinity")]
    public void Create_NonPositiveWavelength_ThrowsNamingTheParameter(double red, double green, double blue, string parameter, string shown)
    {
        var create = () => new FalseRgbSelector(red, green, blue);

        create.Should().Throw<ArgumentException>()
            .WithMessage($"FalseRgbSelector: parameter '{parameter}' must be a positive wavelength in nm; got {shown}. (Parameter '{parameter}')")
            .Which.ParamName.Should().Be(parameter);
    }

    private static Tensor Wavelengths(params float[] nanometres) => Tensor.FromArray(nanometres, nanometres.Length);
}
