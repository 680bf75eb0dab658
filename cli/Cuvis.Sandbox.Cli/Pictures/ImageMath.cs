using Cuvis.Sandbox.Cli.Running;
using Cuvis.Sandbox.Client;

namespace Cuvis.Sandbox.Cli.Pictures;

/// <summary>
/// The pixels of the three pictures, from BHWC tensors: a false-RGB image of a cube, a heatmap of
/// a (B, H, W, 1) score, and a (B, H, W, 1) mask laid over an image. No drawing here: that is
/// <see cref="PictureRenderer"/>'s.
/// </summary>
internal static class ImageMath
{
    /// <summary>Mask pixels are this red, laid over the image at <see cref="MaskOpacity"/>.</summary>
    public static readonly Rgb MaskColor = new(255, 0, 0);

    public const double MaskOpacity = 0.6;

    /// <summary>Three bands of image <paramref name="batch"/> of a BHWC cube, each stretched between its 2nd and 98th percentile.</summary>
    public static RgbImage FalseRgb(TensorData cube, int batch, BandChoice bands)
    {
        var (height, width, channels) = ((int)cube.Shape[1], (int)cube.Shape[2], (int)cube.Shape[3]);
        var image = new RgbImage(width, height);
        var red = Band(cube, batch, bands.Red, height, width, channels);
        var green = Band(cube, batch, bands.Green, height, width, channels);
        var blue = Band(cube, batch, bands.Blue, height, width, channels);
        var (r, g, b) = (PercentileStretch.Of(red), PercentileStretch.Of(green), PercentileStretch.Of(blue));
        for (var i = 0; i < red.Length; i++)
        {
            image[i % width, i / width] = new Rgb(r.ToByte(red[i]), g.ToByte(green[i]), b.ToByte(blue[i]));
        }

        return image;
    }

    /// <summary>Image <paramref name="batch"/> of a (B, H, W, 1) tensor coloured by <paramref name="map"/> between its finite minimum and maximum.</summary>
    public static (RgbImage Image, double Min, double Max) Heatmap(TensorData scores, int batch, ColorMap map)
    {
        var (height, width) = ((int)scores.Shape[1], (int)scores.Shape[2]);
        var values = Band(scores, batch, 0, height, width, 1);
        var finite = values.Where(double.IsFinite).ToArray();
        var (min, max) = finite.Length == 0 ? (0d, 0d) : (finite.Min(), finite.Max());
        var image = new RgbImage(width, height);
        for (var i = 0; i < values.Length; i++)
        {
            image[i % width, i / width] = map.Map(max > min ? (values[i] - min) / (max - min) : 0);
        }

        return (image, min, max);
    }

    /// <summary>Image <paramref name="batch"/> of a (B, H, W, 1) mask (non-zero marks) over <paramref name="background"/>; returns how many pixels it marks.</summary>
    public static (RgbImage Image, int Marked) Overlay(RgbImage background, TensorData mask, int batch)
    {
        var (height, width) = ((int)mask.Shape[1], (int)mask.Shape[2]);
        if (width != background.Width || height != background.Height)
        {
            throw new ArgumentException($"The mask is {width} x {height} pixels, the image {background.Width} x {background.Height}.", nameof(mask));
        }

        var image = background.Clone();
        var marks = Band(mask, batch, 0, height, width, 1);
        var marked = 0;
        for (var i = 0; i < marks.Length; i++)
        {
            if (marks[i] != 0)
            {
                marked++;
                image[i % width, i / width] = MaskColor.Over(background[i % width, i / width], MaskOpacity);
            }
        }

        return (image, marked);
    }

    /// <summary>One channel of one image of a BHWC tensor, row by row.</summary>
    public static double[] Band(TensorData tensor, int batch, int channel, int height, int width, int channels)
    {
        var values = new double[height * width];
        var start = (long)batch * height * width * channels;
        for (var pixel = 0; pixel < values.Length; pixel++)
        {
            values[pixel] = TensorValues.At(tensor, start + ((long)pixel * channels) + channel);
        }

        return values;
    }
}
