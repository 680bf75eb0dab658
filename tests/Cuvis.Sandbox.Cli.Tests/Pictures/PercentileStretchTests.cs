using Cuvis.Sandbox.Cli.Pictures;

namespace Cuvis.Sandbox.Cli.Tests.Pictures;

public class PercentileStretchTests
{
    [Fact]
    public void Of_TheValues0To100_Stretches2To98_AsNumPysPercentileDoes()
    {
        var values = Enumerable.Range(0, 101).Select(v => (double)v).Reverse().ToArray();

        var stretch = PercentileStretch.Of(values);

        stretch.Should().Be(new PercentileStretch(2, 98));
    }

    [Fact]
    public void Percentile_BetweenOrderStatistics_Interpolates()
    {
        // numpy.percentile([1, 2, 3, 10], 50) == 2.5, and [1, 2, 3, 10] at 90 == 7.9
        PercentileStretch.Percentile([1, 2, 3, 10], 50).Should().Be(2.5);
        PercentileStretch.Percentile([1, 2, 3, 10], 90).Should().BeApproximately(7.9, 1e-12);
    }

    [Fact]
    public void Of_NaNAndInfinities_AreLeftOut()
    {
        var stretch = PercentileStretch.Of([double.NaN, 5, double.PositiveInfinity, 5, double.NegativeInfinity]);

        stretch.Should().Be(new PercentileStretch(5, 5));
    }

    [Theory]
    [InlineData(-100, 0)]
    [InlineData(2, 0)]
    [InlineData(50, 128)]
    [InlineData(98, 255)]
    [InlineData(1e9, 255)]
    [InlineData(double.NaN, 0)]
    public void ToByte_ClampsOutsideTheStretch(double value, byte expected) =>
        new PercentileStretch(2, 98).ToByte(value).Should().Be(expected);

    [Fact]
    public void Apply_AFlatBand_IsBlackRatherThanADivisionByZero() => new PercentileStretch(7, 7).Apply(7).Should().Be(0);
}
