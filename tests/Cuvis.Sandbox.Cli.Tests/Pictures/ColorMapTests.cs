using Cuvis.Sandbox.Cli.Pictures;

namespace Cuvis.Sandbox.Cli.Tests.Pictures;

public class ColorMapTests
{
    [Theory]
    [InlineData(0.0, 0x44, 0x01, 0x54)]
    [InlineData(0.5, 0x21, 0x91, 0x8C)]
    [InlineData(1.0, 0xFD, 0xE7, 0x25)]
    [InlineData(-3.0, 0x44, 0x01, 0x54)]
    [InlineData(7.0, 0xFD, 0xE7, 0x25)]
    public void Viridis_AtItsControlPoints_AndBeyondThem_GivesThePublishedColours(double t, int r, int g, int b) =>
        ColorMap.Viridis.Map(t).Should().Be(new Rgb((byte)r, (byte)g, (byte)b));

    [Fact]
    public void Viridis_BetweenTwoControlPoints_InterpolatesLinearly()
    {
        // Halfway between 0x440154 (0) and 0x472D7B (1/8).
        ColorMap.Viridis.Map(1 / 16.0).Should().Be(new Rgb(0x46, 0x17, 0x68));
    }

    [Fact]
    public void Viridis_GetsLighterAllTheWay_SoItReadsInGrey()
    {
        var luminance = Enumerable.Range(0, 101).Select(i => ColorMap.Viridis.Map(i / 100.0))
            .Select(c => (0.2126 * c.R) + (0.7152 * c.G) + (0.0722 * c.B)).ToList();

        luminance.Should().BeInAscendingOrder();
    }

    [Fact]
    public void Map_NaN_IsBlack() => ColorMap.Viridis.Map(double.NaN).Should().Be(new Rgb(0, 0, 0));
}
