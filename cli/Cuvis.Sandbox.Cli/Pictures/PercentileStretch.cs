namespace Cuvis.Sandbox.Cli.Pictures;

/// <summary>
/// A contrast stretch between two percentiles (2nd and 98th for the false-RGB image): values at or
/// below the low one are black, at or above the high one full, linear between; NaN and infinities
/// are left out of the percentiles.
/// </summary>
internal readonly record struct PercentileStretch(double Low, double High)
{
    /// <summary>The stretch of <paramref name="values"/> between the <paramref name="lowPercent"/> and <paramref name="highPercent"/> percentiles (NumPy's linear interpolation).</summary>
    public static PercentileStretch Of(ReadOnlySpan<double> values, double lowPercent = 2, double highPercent = 98)
    {
        var finite = new List<double>(values.Length);
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                finite.Add(value);
            }
        }

        if (finite.Count == 0)
        {
            return new PercentileStretch(0, 0);
        }

        finite.Sort();
        return new PercentileStretch(Percentile(finite, lowPercent), Percentile(finite, highPercent));
    }

    /// <summary>The <paramref name="percent"/> percentile of sorted values, interpolated between order statistics as <c>numpy.percentile</c> does.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        var position = percent / 100 * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    /// <summary>The value as 0 to 1; a flat stretch (every value alike) maps everything to 0.</summary>
    public double Apply(double value) =>
        !double.IsFinite(value) || High <= Low ? 0 : Math.Clamp((value - Low) / (High - Low), 0, 1);

    public byte ToByte(double value) => (byte)Math.Round(Apply(value) * 255);
}
