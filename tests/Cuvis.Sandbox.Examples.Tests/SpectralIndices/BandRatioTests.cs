using Cuvis.Sandbox.Contracts;
using SpectralIndices;
using static Cuvis.Sandbox.Examples.Tests.CubeSamples;

namespace Cuvis.Sandbox.Examples.Tests.SpectralIndices;

public class BandRatioTests
{
    private readonly Tensor _cube = Cube([[0.8f, 0.2f, 0.5f], [0.3f, 0f, 0.1f], [0f, 0.5f, 1f]]);

    [Fact]
    public void Forward_Defaults_DividesBand0ByBand1_AndGivesZeroWhereBand1IsZero()
    {
        var index = Run(new BandRatio(), "index", ("cube", _cube));

        index.Shape.ToArray().Should().Equal(1, 1, 3, 1);
        index.AsReadOnlySpan<float>().ToArray().Should().Equal([4f, 0f, 0f], (a, e) => Math.Abs(a - e) < 1e-6f);
    }

    [Fact]
    public void Forward_ChosenBands_ReadsThoseBands()
    {
        var index = Run(new BandRatio(bandA: 2, bandB: 0), "index", ("cube", _cube));

        index.AsReadOnlySpan<float>().ToArray().Should().Equal([0.625f, 1f / 3f, 0f], (a, e) => Math.Abs(a - e) < 1e-6f);
    }

    [Fact]
    public void Forward_BandBeyondTheCube_ThrowsNamingTheParameterAndTheBandCount()
    {
        var act = () => Run(new BandRatio(bandA: 7), "index", ("cube", _cube));

        act.Should().Throw<ArgumentException>()
            .WithMessage("bandA (band_a) is 7, but the cube has 3 bands; use a band index from 0 to 2.*")
            .Which.ParamName.Should().Be("bandA");
    }

    [Fact]
    public void Constructor_NegativeBand_ThrowsNamingTheParameter()
    {
        var act = () => new BandRatio(bandB: -2);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("bandB");
    }
}
