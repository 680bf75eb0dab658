namespace Cuvis.Sandbox.Cli.Pictures;

/// <summary>
/// The three bands of a false-RGB picture: the bands nearest 650, 550 and 450 nm when the
/// wavelengths are known, else the bands at 3/4, 1/2 and 1/4 of the band count (long wavelengths
/// to red, assuming bands ordered by wavelength as cameras deliver them).
/// </summary>
internal sealed record BandChoice(int Red, int Green, int Blue, double? RedNm, double? GreenNm, double? BlueNm)
{
    public const double RedTarget = 650;
    public const double GreenTarget = 550;
    public const double BlueTarget = 450;

    public static BandChoice For(int bands, IReadOnlyList<double>? wavelengths)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bands);
        if (wavelengths is { Count: > 0 } table && table.Count == bands && table.All(double.IsFinite))
        {
            var (red, green, blue) = (Nearest(table, RedTarget), Nearest(table, GreenTarget), Nearest(table, BlueTarget));
            return new BandChoice(red, green, blue, table[red], table[green], table[blue]);
        }

        return new BandChoice(Math.Min(bands - 1, bands * 3 / 4), bands / 2, bands / 4, null, null, null);
    }

    /// <summary>How the caption names the bands: <c>R 141, G 94, B 47</c>, with nm when known.</summary>
    public string Describe() =>
        $"R band {Band(Red, RedNm)}, G band {Band(Green, GreenNm)}, B band {Band(Blue, BlueNm)}";

    private static string Band(int index, double? nm) => nm is { } value ? $"{index} ({value:0.#} nm)" : $"{index}";

    private static int Nearest(IReadOnlyList<double> table, double target)
    {
        var best = 0;
        for (var i = 1; i < table.Count; i++)
        {
            if (Math.Abs(table[i] - target) < Math.Abs(table[best] - target))
            {
                best = i;
            }
        }

        return best;
    }
}
