namespace Cuvis.Sandbox.Cli.Pictures;

/// <summary>
/// Where each part of a picture goes. The image is scaled up by a whole factor (nearest
/// neighbour, so every data pixel stays a crisp square) until its longer side nears
/// <see cref="TargetSize"/>; a title above it; a colour scale bar with labels to its right
/// (heatmap) or a caption below it (false RGB, mask).
/// </summary>
internal sealed record PictureLayout(int Width, int Height, PictureBox Image, int Scale, PictureBox? Bar, PictureBox? Caption)
{
    public const int TargetSize = 512;
    public const int Margin = 16;
    public const int TitleHeight = 30;
    public const int CaptionHeight = 34;
    public const int BarGap = 20;
    public const int BarWidth = 24;
    public const int LabelWidth = 116;
    public const int MinimumWidth = 460;

    public static int ScaleFor(int width, int height) => Math.Max(1, TargetSize / Math.Max(width, height));

    public static PictureLayout WithScaleBar(int width, int height)
    {
        var scale = ScaleFor(width, height);
        var image = new PictureBox(Margin, Margin + TitleHeight, width * scale, height * scale);
        var bar = new PictureBox(image.Right + BarGap, image.Y, BarWidth, image.Height);
        return new PictureLayout(bar.Right + LabelWidth + Margin, image.Bottom + Margin, image, scale, bar, null);
    }

    public static PictureLayout WithCaption(int width, int height)
    {
        var scale = ScaleFor(width, height);
        var image = new PictureBox(Margin, Margin + TitleHeight, width * scale, height * scale);
        var pictureWidth = Math.Max(image.Right + Margin, MinimumWidth);
        var caption = new PictureBox(Margin, image.Bottom, pictureWidth - (2 * Margin), CaptionHeight);
        return new PictureLayout(pictureWidth, caption.Bottom + Margin, image, scale, null, caption);
    }
}

/// <summary>A rectangle of a picture, in pixels from its top-left corner.</summary>
internal sealed record PictureBox(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;
}
