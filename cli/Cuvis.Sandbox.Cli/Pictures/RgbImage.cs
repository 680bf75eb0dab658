namespace Cuvis.Sandbox.Cli.Pictures;

/// <summary>An image as rows of RGB pixels, top row first: what the pixel math makes and the drawing scales up.</summary>
internal sealed class RgbImage
{
    private readonly Rgb[] _pixels;

    public RgbImage(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        _pixels = new Rgb[checked(width * height)];
    }

    public int Width { get; }

    public int Height { get; }

    public Rgb this[int x, int y]
    {
        get => _pixels[(y * Width) + x];
        set => _pixels[(y * Width) + x] = value;
    }

    public RgbImage Clone()
    {
        var copy = new RgbImage(Width, Height);
        _pixels.CopyTo(copy._pixels, 0);
        return copy;
    }
}
