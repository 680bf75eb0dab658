using System.Globalization;
using Cuvis.Sandbox.Cli.Files;
using Cuvis.Sandbox.Cli.Running;
using Cuvis.Sandbox.Client;

namespace Cuvis.Sandbox.Cli.Pictures;

/// <summary>
/// The pictures of a run, one per batch image (<c>_b0</c>, <c>_b1</c>, ... when the batch holds
/// more than one): the cube's false-RGB image (<c>cube_rgb.png</c>); a heatmap with a scale bar
/// of every float output of shape (B, H, W, 1); and every bool or uint8 (B, H, W, 1) output of the
/// cube's size laid over the false-RGB image in red, with a legend.
/// </summary>
internal static class PictureStep
{
    public static async Task<IReadOnlyList<PictureDocument>> DrawAsync(
        OutputDirectory directory, TensorData cube, IReadOnlyList<double>? wavelengths, IReadOnlyDictionary<string, TensorData> outputs,
        CancellationToken cancellationToken)
    {
        using var typeface = FontSource.Load();
        using var renderer = new PictureRenderer(typeface);
        var pictures = new List<PictureDocument>();
        var backgrounds = new Dictionary<int, RgbImage>();
        if (IsImageBatch(cube, anyChannels: true))
        {
            var bands = BandChoice.For((int)cube.Shape[3], wavelengths);
            for (var b = 0; b < cube.Shape[0]; b++)
            {
                var image = backgrounds[b] = ImageMath.FalseRgb(cube, b, bands);
                var caption = $"{bands.Describe()}; each stretched between its 2nd and 98th percentile";
                var png = renderer.FalseRgb(image, Title("False RGB of the cube", b, cube), caption);
                var picture = await WriteAsync(directory, "cube_rgb", "false_rgb", "cube", b, (int)cube.Shape[0], png,
                    PictureLayout.WithCaption(image.Width, image.Height), cancellationToken);
                pictures.Add(picture with { Bands = bands.Describe() });
            }
        }

        foreach (var (name, tensor) in outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            if (!IsImageBatch(tensor, anyChannels: false))
            {
                continue;
            }

            var batches = (int)tensor.Shape[0];
            for (var b = 0; b < batches; b++)
            {
                if (TensorValues.IsFloat(tensor.DType))
                {
                    var (image, min, max) = ImageMath.Heatmap(tensor, b, ColorMap.Viridis);
                    var png = renderer.Heatmap(image, Title(name, b, tensor), min, max, ColorMap.Viridis);
                    var picture = await WriteAsync(directory, name, "heatmap", name, b, batches, png,
                        PictureLayout.WithScaleBar(image.Width, image.Height), cancellationToken);
                    pictures.Add(picture with { Min = min, Max = max });
                }
                else if (TensorValues.IsMask(tensor.DType) && backgrounds.TryGetValue(b, out var background)
                    && background.Width == tensor.Shape[2] && background.Height == tensor.Shape[1])
                {
                    var (image, marked) = ImageMath.Overlay(background, tensor, b);
                    var share = (100.0 * marked / (image.Width * image.Height)).ToString("0.##", CultureInfo.InvariantCulture);
                    var legend = $"{name}: {marked} of {image.Width * image.Height} pixels marked ({share} %)";
                    var png = renderer.Overlay(image, Title($"{name} over the false RGB image", b, tensor), legend);
                    var picture = await WriteAsync(directory, name, "mask_overlay", name, b, batches, png,
                        PictureLayout.WithCaption(image.Width, image.Height), cancellationToken);
                    pictures.Add(picture with { Marked = marked });
                }
            }
        }

        return pictures;
    }

    /// <summary>A BHWC tensor with at least one pixel: any channel count for a cube, one channel for a score or a mask.</summary>
    private static bool IsImageBatch(TensorData tensor, bool anyChannels) =>
        tensor.Shape is [> 0, > 0 and <= 1 << 14, > 0 and <= 1 << 14, var channels] && (anyChannels ? channels > 0 : channels == 1);

    private static string Title(string what, int batch, TensorData tensor) => tensor.Shape[0] > 1 ? $"{what}, batch {batch}" : what;

    private static async Task<PictureDocument> WriteAsync(
        OutputDirectory directory, string name, string kind, string source, int batch, int batches, byte[] png, PictureLayout layout,
        CancellationToken cancellationToken)
    {
        var file = OutputDirectory.FileName(batches > 1 ? $"{name}_b{batch}" : name, ".png");
        await directory.WriteBytesAsync(file, png, cancellationToken);
        return new PictureDocument(file, kind, source, batch, layout.Width, layout.Height, layout.Image, layout.Scale);
    }
}
