using Cuvis.Sandbox.Cli.Pictures;
using Cuvis.Sandbox.Client;

namespace Cuvis.Sandbox.Cli.Tests.Pictures;

public class ImageMathTests
{
    [Fact]
    public void FalseRgb_APixelBrightOnlyInTheRedBand_IsRed_AndTheRestDark()
    {
        // 1 x 4 x 5 x 8 cube, zero except pixel (x 3, y 2) in band 6 (the red band of 8 without wavelengths).
        var cube = new ushort[4 * 5 * 8];
        for (var pixel = 0; pixel < 20; pixel++)
        {
            for (var band = 0; band < 8; band++)
            {
                cube[(pixel * 8) + band] = (ushort)(100 + pixel);
            }
        }

        cube[(((2 * 5) + 3) * 8) + 6] = 60000;

        var image = ImageMath.FalseRgb(TensorData.From(cube, 1, 4, 5, 8), 0, BandChoice.For(8, null));

        image.Width.Should().Be(5);
        image.Height.Should().Be(4);
        image[3, 2].R.Should().Be(255);
        image[3, 2].G.Should().BeLessThan(image[3, 2].R);
        image[0, 0].Should().Be(new Rgb(0, 0, 0), "the darkest pixel is below every band's 2nd percentile");
    }

    [Fact]
    public void Heatmap_ColoursBetweenTheImagesOwnMinimumAndMaximum()
    {
        float[] scores = [1, 2, 3, 5, /* batch 1 */ 10, 10, 10, 30];

        var (first, min, max) = ImageMath.Heatmap(TensorData.From(scores, 2, 2, 2, 1), 0, ColorMap.Viridis);
        var (second, _, secondMax) = ImageMath.Heatmap(TensorData.From(scores, 2, 2, 2, 1), 1, ColorMap.Viridis);

        (min, max, secondMax).Should().Be((1d, 5d, 30d));
        first[0, 0].Should().Be(ColorMap.Viridis.Map(0));
        first[1, 1].Should().Be(ColorMap.Viridis.Map(1));
        first[0, 1].Should().Be(ColorMap.Viridis.Map(0.5));
        second[1, 1].Should().Be(ColorMap.Viridis.Map(1));
    }

    [Fact]
    public void Overlay_TintsMarkedPixelsRed_LeavesTheOthers_AndCountsThem()
    {
        var background = new RgbImage(3, 2);
        for (var y = 0; y < 2; y++)
        {
            for (var x = 0; x < 3; x++)
            {
                background[x, y] = new Rgb(40, 120, 40);
            }
        }

        var (image, marked) = ImageMath.Overlay(background, TensorData.From(new[] { false, true, false, false, false, true }, 1, 2, 3, 1), 0);

        marked.Should().Be(2);
        image[1, 0].Should().Be(new Rgb(169, 48, 16), "60 % red over (40, 120, 40)");
        image[2, 1].Should().Be(image[1, 0]);
        image[0, 0].Should().Be(background[0, 0]);
        background[1, 0].Should().Be(new Rgb(40, 120, 40), "the background is not changed");
    }

    [Fact]
    public void Overlay_AMaskOfAnotherSize_IsRefused()
    {
        var overlay = () => ImageMath.Overlay(new RgbImage(3, 2), TensorData.From(new bool[4], 1, 2, 2, 1), 0);

        overlay.Should().Throw<ArgumentException>().WithMessage("The mask is 2 x 2 pixels, the image 3 x 2.*");
    }
}
