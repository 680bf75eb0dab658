using Cuvis.Sandbox.Contracts;
using SpectralIndices;
using static Cuvis.Sandbox.Examples.Tests.CubeSamples;

namespace Cuvis.Sandbox.Examples.Tests.SpectralIndices;

public class NormalizedDifferenceTests
{
    // Four pixels of three bands.
    private readonly Tensor _cube = Cube([[0.8f, 0.2f, 0.5f], [0.3f, 0.3f, 0.1f], [0f, 0f, 1f], [0.1f, 0.4f, 0f]]);

    [Fact]
    public void Forward_Defaults_ComputesBand0AgainstBand1PerPixel()
    {
        var index = Run(new NormalizedDifference(), "index", ("cube", _cube));

        index.Shape.ToArray().Should().Equal(1, 1, 4, 1);
        index.AsReadOnlySpan<float>().ToArray().Should().Equal(
            [0.6f / 1.0f, 0f, 0f, -0.3f / 0.5f], (a, e) => Math.Abs(a - e) < 1e-6f);
    }

    [Fact]
    public void Forward_ChosenBands_ReadsThoseBands()
    {
        var index = Run(new NormalizedDifference(bandA: 2, bandB: 0), "index", ("cube", _cube));

        index.AsReadOnlySpan<float>().ToArray().Should().Equal(
            [-0.3f / 1.3f, -0.2f / 0.4f, 1f, -1f], (a, e) => Math.Abs(a - e) < 1e-6f);
    }

    [Fact]
    public void Forward_BothBandsZero_GivesZeroNotNaN()
    {
        var index = Run(new NormalizedDifference(), "index", ("cube", Cube([[0f, 0f]])));

        index.AsReadOnlySpan<float>()[0].Should().Be(0f);
    }

    [Fact]
    public void Forward_KeepsBatchHeightAndWidth()
    {
        var index = Run(new NormalizedDifference(), "index", ("cube", Tensor.Create<float>(2, 3, 4, 5)));

        index.Shape.ToArray().Should().Equal(2, 3, 4, 1);
    }

    [Fact]
    public void Forward_BandBeyondTheCube_ThrowsNamingTheParameterAndTheBandCount()
    {
        var node = new NormalizedDifference(bandA: 0, bandB: 3);

        var act = () => Run(node, "index", ("cube", _cube));

        act.Should().Throw<ArgumentException>()
            .WithMessage("bandB (band_b) is 3, but the cube has 3 bands; use a band index from 0 to 2.*")
            .Which.ParamName.Should().Be("bandB");
    }

    [Fact]
    public void Forward_WavelengthsOfAnotherCube_ThrowsNamingBothCounts()
    {
        var act = () => Run(new NormalizedDifference(), "index", ("cube", _cube), ("wavelengths", Tensor.Create<float>(5)));

        act.Should().Throw<ArgumentException>().WithMessage("wavelengths has 5 entries but the cube has 3 bands*");
    }

    [Fact]
    public void Forward_MatchingWavelengths_AreAccepted()
    {
        var wavelengths = Tensor.FromArray([550f, 670f, 800f], 3);

        var index = Run(new NormalizedDifference(), "index", ("cube", _cube), ("wavelengths", wavelengths));

        index.Shape.ToArray().Should().Equal(1, 1, 4, 1);
    }

    [Fact]
    public void Constructor_NegativeBand_ThrowsNamingTheParameter()
    {
        var act = () => new NormalizedDifference(bandA: -1);

        act.Should().Throw<ArgumentException>()
            .WithMessage("bandA (band_a) is -1, but a band index is 0 or more.*")
            .Which.ParamName.Should().Be("bandA");
    }

    [Fact]
    public void Constructor_SameBandTwice_Throws()
    {
        var act = () => new NormalizedDifference(bandA: 2, bandB: 2);

        act.Should().Throw<ArgumentException>().WithMessage("bandA and bandB (band_a, band_b) are both 2; choose two different bands.*");
    }

    [Fact]
    public void Forward_Cancelled_Throws()
    {
        var node = new NormalizedDifference();
        var inputs = new NodeInputs(new Dictionary<string, Tensor> { ["cube"] = _cube });

        var act = () => node.Forward(inputs, new CancellationToken(canceled: true));

        act.Should().Throw<OperationCanceledException>();
    }
}
