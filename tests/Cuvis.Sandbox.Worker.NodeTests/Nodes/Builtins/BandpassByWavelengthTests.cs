using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Nodes.Builtins;
using Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

namespace Cuvis.Sandbox.Worker.NodeTests.Nodes.Builtins;

public class BandpassByWavelengthTests
{
    [Fact]
    public void Forward_Range_KeepsTheBandsInsideItBothEndsIncluded()
    {
        // Two pixels of four bands at 400, 500, 600, 700 nm; [500, 600] keeps bands 1 and 2.
        var data = NodeRun.Cube([1, 2, 3, 4, 5, 6, 7, 8], 1, 1, 2, 4);

        var outputs = new BandpassByWavelength(500, 600).Run(("data", data), ("wavelengths", Wavelengths(400, 500, 600, 700)));

        outputs.Output("filtered").Shape.ToArray().Should().Equal(1, 1, 2, 2);
        outputs.Floats("filtered").Should().Equal(2f, 3f, 6f, 7f);
        outputs.Floats("wavelengths").Should().Equal(500f, 600f);
    }

    [Fact]
    public void Forward_UnsortedWavelengths_KeepsTheMatchingBandsInTheirOrder()
    {
        var data = NodeRun.Cube([1, 2, 3, 4], 1, 1, 1, 4);

        var outputs = new BandpassByWavelength(500, 700).Run(("data", data), ("wavelengths", Wavelengths(600, 400, 550, 800)));

        outputs.Floats("filtered").Should().Equal(1f, 3f);
        outputs.Floats("wavelengths").Should().Equal(600f, 550f);
    }

    [Fact]
    public void Forward_NoBandInRange_ThrowsNamingTheRangeAndTheBands()
    {
        var data = NodeRun.Cube([1, 2, 3], 1, 1, 1, 3);

        var forward = () => new BandpassByWavelength(900, 1000).Run(("data", data), ("wavelengths", Wavelengths(400, 550.5f, 700)));

        forward.Should().Throw<ArgumentException>()
            .WithMessage("BandpassByWavelength: no band lies in [900, 1000] nm (minWavelength, maxWavelength); "
                + "the bands span 400 to 700 nm. Choose a range that overlaps them. (Parameter 'wavelengths')")
            .Which.ParamName.Should().Be("wavelengths");
    }

    [Fact]
    public void Forward_WavelengthsNotOnePerBand_Throws()
    {
        var data = NodeRun.Cube([1, 2, 3], 1, 1, 1, 3);

        var forward = () => new BandpassByWavelength(400, 700).Run(("data", data), ("wavelengths", Wavelengths(400, 500)));

        forward.Should().Throw<ArgumentException>()
            .WithMessage("BandpassByWavelength: input 'wavelengths' must be one wavelength per band of the cube (3); got 2 wavelengths. (Parameter 'wavelengths')");
    }

    [Fact]
    public void Forward_NoWavelengths_Throws()
    {
        var forward = () => new BandpassByWavelength(400, 700).Run(("data", NodeRun.Cube([1], 1, 1, 1, 1)));

        forward.Should().Throw<ArgumentException>()
            .WithMessage("BandpassByWavelength: input 'wavelengths' must be a Float32 [C] wavelength tensor; got no tensor. (Parameter 'wavelengths')");
    }

    [Fact]
    public void Create_MaxBelowMin_ThrowsNamingTheParameter()
    {
        var create = () => new BandpassByWavelength(minWavelength: 700, maxWavelength: 400);

        create.Should().Throw<ArgumentException>()
            .WithMessage("BandpassByWavelength: parameter 'maxWavelength' must be at least minWavelength (700); got 400. (Parameter 'maxWavelength')")
            .Which.ParamName.Should().Be("maxWavelength");
    }

    [Fact]
    public void Create_InfiniteMin_Throws()
    {
        var create = () => new BandpassByWavelength(double.NegativeInfinity, 400);

        create.Should().Throw<ArgumentException>().WithMessage("BandpassByWavelength: parameter 'minWavelength' must be a finite number; got -Infinity. (Parameter 'minWavelength')");
    }

    private static Tensor Wavelengths(params float[] nanometres) => Tensor.FromArray(nanometres, nanometres.Length);
}
