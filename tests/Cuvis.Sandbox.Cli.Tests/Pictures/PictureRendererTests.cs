using Cuvis.Sandbox.Cli.Errors;
using Cuvis.Sandbox.Cli.Pictures;
using SkiaSharp;

namespace Cuvis.Sandbox.Cli.Tests.Pictures;

/// <summary>The PNGs decoded back with SkiaSharp, pixels read where the layout puts things.</summary>
public sealed class PictureRendererTests : IDisposable
{
    private readonly SKTypeface _font = FontSource.Load();

    [Fact]
    public void Heatmap_HasTheLayoutsSize_TheDataScaledUp_AndAScaleBarFromTheLastColourDownToTheFirst()
    {
        var image = Gradient(10, 20);
        using var renderer = new PictureRenderer(_font);

        using var png = SKBitmap.Decode(renderer.Heatmap(image, "scores", -1.5, 42, ColorMap.Viridis));

        var layout = PictureLayout.WithScaleBar(10, 20);
        (png.Width, png.Height).Should().Be((layout.Width, layout.Height));
        layout.Scale.Should().Be(25, "512 / 20 rounded down");
        Pixel(png, layout.Image.X + 1, layout.Image.Y + 1).Should().Be(image[0, 0]);
        Pixel(png, layout.Image.Right - 1, layout.Image.Bottom - 1).Should().Be(image[9, 19]);
        var bar = layout.Bar!;
        Enumerable.Range(0, 4).Select(row => ColorMap.Viridis.Map(1 - (row / (double)(bar.Height - 1)))).Should()
            .Contain(Pixel(png, bar.X + (bar.Width / 2), bar.Y + 2), "the top of the bar is the map's last colour");
        Enumerable.Range(0, 4).Select(row => ColorMap.Viridis.Map(row / (double)(bar.Height - 1))).Should()
            .Contain(Pixel(png, bar.X + (bar.Width / 2), bar.Bottom - 3), "its bottom the map's first");
        DarkPixels(png, bar.Right + 8, bar.Y, PictureLayout.LabelWidth - 8, 20).Should().BePositive("the maximum's label is drawn beside the bar's top");
        DarkPixels(png, bar.Right + 8, bar.Bottom - 20, PictureLayout.LabelWidth - 8, 24).Should().BePositive("the minimum's label beside its bottom");
    }

    [Fact]
    public void Overlay_AMarkedPixelIsRedTinted_AnUnmarkedOneIsTheImagesOwn_AndTheLegendIsDrawn()
    {
        var background = Gradient(8, 8);
        var mask = Cuvis.Sandbox.Client.TensorData.From(Enumerable.Range(0, 64).Select(i => i == (3 * 8) + 5).ToArray(), 1, 8, 8, 1);
        var (image, _) = ImageMath.Overlay(background, mask, 0);
        using var renderer = new PictureRenderer(_font);

        using var png = SKBitmap.Decode(renderer.Overlay(image, "decisions", "decisions: 1 of 64 pixels marked"));

        var layout = PictureLayout.WithCaption(8, 8);
        (png.Width, png.Height).Should().Be((layout.Width, layout.Height));
        var marked = Pixel(png, layout.Image.X + (5 * layout.Scale) + (layout.Scale / 2), layout.Image.Y + (3 * layout.Scale) + (layout.Scale / 2));
        marked.R.Should().BeGreaterThan((byte)(marked.G + 60)).And.BeGreaterThan((byte)(marked.B + 60));
        Pixel(png, layout.Image.X + 2, layout.Image.Y + 2).Should().Be(background[0, 0]);
        var caption = layout.Caption!;
        var swatch = Pixel(png, caption.X + 8, caption.Y + (caption.Height / 2));
        swatch.R.Should().BeGreaterThan((byte)(swatch.G + 60), "the legend's swatch is the mask's red");
        DarkPixels(png, caption.X + 24, caption.Y, caption.Width - 24, caption.Height).Should().BePositive("the legend's text is drawn");
    }

    [Fact]
    public void FalseRgb_IsTheImageWithItsCaption()
    {
        var image = Gradient(100, 100);
        using var renderer = new PictureRenderer(_font);

        using var png = SKBitmap.Decode(renderer.FalseRgb(image, "cube", "R band 141, G band 94, B band 47"));

        var layout = PictureLayout.WithCaption(100, 100);
        (png.Width, png.Height, layout.Scale).Should().Be((532, 596, 5));
        Pixel(png, layout.Image.X + 252, layout.Image.Y + 252).Should().Be(image[50, 50]);
    }

    [Fact]
    public void FontSource_WithoutAFont_FailsNamingThePackageThatHasOne()
    {
        var previous = Environment.GetEnvironmentVariable(FontSource.Variable);
        Environment.SetEnvironmentVariable(FontSource.Variable, null);
        try
        {
            var load = () => FontSource.Load(["/nonexistent/font.ttf"]);

            var error = load.Should().Throw<CliException>().Which;
            error.ExitCode.Should().Be(ExitCodes.LocalFile);
            error.Message.Should().Contain("/nonexistent/font.ttf").And.Contain("apt-get install fonts-dejavu-core").And.Contain("--no-pictures");
        }
        finally
        {
            Environment.SetEnvironmentVariable(FontSource.Variable, previous);
        }
    }

    public void Dispose() => _font.Dispose();

    private static RgbImage Gradient(int width, int height)
    {
        var image = new RgbImage(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = new Rgb((byte)(x * 255 / width), (byte)(y * 255 / height), 90);
            }
        }

        return image;
    }

    private static Rgb Pixel(SKBitmap bitmap, int x, int y)
    {
        var colour = bitmap.GetPixel(x, y);
        return new Rgb(colour.Red, colour.Green, colour.Blue);
    }

    private static int DarkPixels(SKBitmap bitmap, int x, int y, int width, int height)
    {
        var count = 0;
        for (var row = y; row < y + height; row++)
        {
            for (var column = x; column < x + width; column++)
            {
                count += bitmap.GetPixel(column, row) is { Red: < 100, Green: < 100, Blue: < 100 } ? 1 : 0;
            }
        }

        return count;
    }
}
