using Cuvis.Sandbox.Contracts;
using SpectralSmoothing;
using static Cuvis.Sandbox.Examples.Tests.CubeSamples;

namespace Cuvis.Sandbox.Examples.Tests.SpectralSmoothing;

public class SpectralDerivativeTests
{
    [Fact]
    public void Forward_DifferencesNeighbouringBands_WithOneBandFewer()
    {
        var cube = Cube([[1f, 2f, 4f, 7f], [5f, 3f, 3f, 0f]]);

        var derivative = Run(new SpectralDerivative(), "derivative", ("cube", cube));

        derivative.Shape.ToArray().Should().Equal(1, 1, 2, 3);
        derivative.AsReadOnlySpan<float>().ToArray().Should().Equal(1f, 2f, 3f, -2f, 0f, -3f);
    }

    [Fact]
    public void Forward_KeepsBatchHeightAndWidth()
    {
        var derivative = Run(new SpectralDerivative(), "derivative", ("cube", Tensor.Create<float>(2, 3, 4, 5)));

        derivative.Shape.ToArray().Should().Equal(2, 3, 4, 4);
    }

    [Fact]
    public void Forward_SingleBand_ThrowsSayingTwoAreNeeded()
    {
        var act = () => Run(new SpectralDerivative(), "derivative", ("cube", Cube([[1f], [2f]])));

        act.Should().Throw<ArgumentException>().WithMessage("SpectralDerivative needs a cube with at least 2 bands; this one has 1.*");
    }
}
