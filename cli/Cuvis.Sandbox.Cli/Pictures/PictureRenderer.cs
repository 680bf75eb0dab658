using System.Globalization;
using SkiaSharp;

namespace Cuvis.Sandbox.Cli.Pictures;

/// <summary>Draws the pictures with SkiaSharp and encodes them as PNG: the image scaled up, a title, and a scale bar or a caption.</summary>
internal sealed class PictureRenderer(SKTypeface typeface) : IDisposable
{
    private static readonly SKColor Ink = new(0x20, 0x20, 0x20);
    private readonly SKFont _title = new(typeface, 17);
    private readonly SKFont _label = new(typeface, 14);

    public byte[] FalseRgb(RgbImage image, string title, string caption) =>
        Draw(PictureLayout.WithCaption(image.Width, image.Height), image, title, (canvas, layout) => Caption(canvas, layout.Caption!, null, caption));

    public byte[] Overlay(RgbImage image, string title, string legend) =>
        Draw(PictureLayout.WithCaption(image.Width, image.Height), image, title,
            (canvas, layout) => Caption(canvas, layout.Caption!, ImageMath.MaskColor.Over(new Rgb(255, 255, 255), ImageMath.MaskOpacity), legend));

    public byte[] Heatmap(RgbImage image, string title, double min, double max, ColorMap map) =>
        Draw(PictureLayout.WithScaleBar(image.Width, image.Height), image, title, (canvas, layout) => ScaleBar(canvas, layout.Bar!, min, max, map));

    public void Dispose()
    {
        _title.Dispose();
        _label.Dispose();
    }

    /// <summary>The tick labels of a scale bar: its minimum, middle and maximum, in 4 significant digits.</summary>
    public static string Tick(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private byte[] Draw(PictureLayout layout, RgbImage image, string title, Action<SKCanvas, PictureLayout> decorate)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(layout.Width, layout.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var ink = new SKPaint { Color = Ink, IsAntialias = true };
            canvas.DrawText(title, PictureLayout.Margin, PictureLayout.Margin + 19, SKTextAlign.Left, _title, ink);
            using var data = ToSkia(image);
            var target = layout.Image;
            canvas.DrawImage(data, new SKRect(target.X, target.Y, target.Right, target.Bottom), new SKSamplingOptions(SKFilterMode.Nearest), null);
            decorate(canvas, layout);
        }

        using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }

    private void ScaleBar(SKCanvas canvas, PictureBox bar, double min, double max, ColorMap map)
    {
        // Highest value at the top, one row of the map per pixel row.
        for (var row = 0; row < bar.Height; row++)
        {
            var colour = map.Map(1 - (row / (double)Math.Max(1, bar.Height - 1)));
            using var paint = new SKPaint { Color = new SKColor(colour.R, colour.G, colour.B) };
            canvas.DrawRect(bar.X, bar.Y + row, bar.Width, 1, paint);
        }

        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var outline = new SKPaint { Color = Ink, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        canvas.DrawRect(bar.X - 0.5f, bar.Y - 0.5f, bar.Width + 1, bar.Height + 1, outline);
        foreach (var (fraction, value) in (ReadOnlySpan<(double, double)>)[(0, max), (0.5, (min + max) / 2), (1, min)])
        {
            var y = bar.Y + (float)(fraction * (bar.Height - 1));
            canvas.DrawLine(bar.Right, y, bar.Right + 5, y, outline);
            var baseline = Math.Clamp(y + 5, bar.Y + 11, bar.Bottom + 4);
            canvas.DrawText(Tick(value), bar.Right + 8, baseline, SKTextAlign.Left, _label, ink);
        }
    }

    private void Caption(SKCanvas canvas, PictureBox caption, Rgb? swatch, string text)
    {
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        var x = (float)caption.X;
        var middle = caption.Y + (caption.Height / 2f);
        if (swatch is { } colour)
        {
            using var fill = new SKPaint { Color = new SKColor(colour.R, colour.G, colour.B) };
            using var outline = new SKPaint { Color = Ink, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
            canvas.DrawRect(x, middle - 8, 16, 16, fill);
            canvas.DrawRect(x, middle - 8, 16, 16, outline);
            x += 24;
        }

        canvas.DrawText(text, x, middle + 5, SKTextAlign.Left, _label, ink);
    }

    private static SKImage ToSkia(RgbImage image)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new SKColor[image.Width * image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var pixel = image[x, y];
                pixels[(y * image.Width) + x] = new SKColor(pixel.R, pixel.G, pixel.B);
            }
        }

        bitmap.Pixels = pixels;
        return SKImage.FromBitmap(bitmap);
    }
}
