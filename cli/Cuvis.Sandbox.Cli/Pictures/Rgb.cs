namespace Cuvis.Sandbox.Cli.Pictures;

/// <summary>An sRGB colour, 8 bits a channel.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>This colour laid over <paramref name="under"/> with opacity <paramref name="alpha"/> (0 to 1).</summary>
    public Rgb Over(Rgb under, double alpha) => new(Mix(under.R, R, alpha), Mix(under.G, G, alpha), Mix(under.B, B, alpha));

    private static byte Mix(byte under, byte over, double alpha) => (byte)Math.Round(under + ((over - under) * alpha));
}
