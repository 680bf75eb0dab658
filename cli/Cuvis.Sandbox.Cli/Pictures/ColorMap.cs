namespace Cuvis.Sandbox.Cli.Pictures;

/// <summary>
/// A perceptual colour map, linear in sRGB between evenly spaced control colours. <see cref="Viridis"/>
/// is matplotlib's default map (van der Walt and Smith, 2015) from its nine published control
/// colours, <c>viridis(numpy.linspace(0, 1, 9))</c>: dark violet through teal to yellow, readable
/// in grey and by colour-blind viewers.
/// </summary>
internal sealed class ColorMap
{
    private readonly Rgb[] _stops;

    public ColorMap(string name, params Rgb[] stops)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stops.Length, 2);
        Name = name;
        _stops = stops;
    }

    public static ColorMap Viridis { get; } = new("viridis",
        Hex(0x440154), Hex(0x472D7B), Hex(0x3B528B), Hex(0x2C728E), Hex(0x21918C), Hex(0x28AE80), Hex(0x5EC962), Hex(0xADDC30), Hex(0xFDE725));

    public string Name { get; }

    /// <summary>The colour of <paramref name="t"/> from 0 (lowest) to 1 (highest); values outside are clamped, NaN is black.</summary>
    public Rgb Map(double t)
    {
        if (double.IsNaN(t))
        {
            return default;
        }

        var position = Math.Clamp(t, 0, 1) * (_stops.Length - 1);
        var lower = Math.Min((int)position, _stops.Length - 2);
        return _stops[lower + 1].Over(_stops[lower], position - lower);
    }

    private static Rgb Hex(int rgb) => new((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
}
