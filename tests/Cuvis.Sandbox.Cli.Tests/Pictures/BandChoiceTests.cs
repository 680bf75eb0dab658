using Cuvis.Sandbox.Cli.Pictures;

namespace Cuvis.Sandbox.Cli.Tests.Pictures;

public class BandChoiceTests
{
    [Fact]
    public void For_WithWavelengths_TakesTheBandsNearest650_550_450nm()
    {
        var wavelengths = Enumerable.Range(0, 32).Select(i => 400.0 + (i * 20)).ToArray(); // 400, 420, ..., 1020

        var choice = BandChoice.For(32, wavelengths);

        choice.Should().Be(new BandChoice(Red: 12, Green: 7, Blue: 2, RedNm: 640, GreenNm: 540, BlueNm: 440));
        choice.Describe().Should().Be("R band 12 (640 nm), G band 7 (540 nm), B band 2 (440 nm)");
    }

    [Fact]
    public void For_WithoutWavelengths_TakesTheBandsAtThreeQuartersHalfAndAQuarter()
    {
        BandChoice.For(189, null).Should().Be(new BandChoice(141, 94, 47, null, null, null));
        BandChoice.For(189, null).Describe().Should().Be("R band 141, G band 94, B band 47");
    }

    [Fact]
    public void For_WavelengthsThatDoNotMatchTheBands_AreIgnored() =>
        BandChoice.For(8, [450.0, 550.0]).Should().Be(new BandChoice(6, 4, 2, null, null, null));

    [Fact]
    public void For_OneBand_UsesItForAllThreeChannels() => BandChoice.For(1, null).Should().Be(new BandChoice(0, 0, 0, null, null, null));
}
