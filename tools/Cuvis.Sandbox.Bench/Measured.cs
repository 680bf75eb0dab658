using System.Globalization;

namespace Cuvis.Sandbox.Bench;

/// <summary>A value as the table shows it: a number in its unit and, after it, what else was seen (a p99).</summary>
internal sealed record Measured(double Value, Unit Unit, string Detail = "")
{
    public static Measured Micros(double micros, string detail = "") => new(micros, Unit.Micros, detail);

    /// <summary>The p50 of <paramref name="samples"/>, with the p99 beside it when <paramref name="withP99"/>.</summary>
    public static Measured P50(Samples samples, bool withP99 = true) =>
        Micros(samples.P50, withP99 ? "p99 " + Format(samples.P99, Unit.Micros) : "");

    public string Text => Format(Value, Unit) + (Detail.Length > 0 ? $" ({Detail})" : "");

    public string Ratio(Measured baseline) =>
        baseline.Value > 0 ? (Value / baseline.Value).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "—";

    public string Difference(Measured baseline) => Signed(Value - baseline.Value, Unit);

    /// <summary>A difference with its sign: <c>+12 us</c>, <c>-3.0 KiB</c>.</summary>
    public static string Signed(double difference, Unit unit) => (difference >= 0 ? "+" : "-") + Format(Math.Abs(difference), unit);

    public static string Format(double value, Unit unit) => unit switch
    {
        Unit.Micros when value < 1_000 => value.ToString("0", CultureInfo.InvariantCulture) + " us",
        Unit.Micros when value < 1_000_000 => (value / 1_000).ToString(value < 10_000 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms",
        Unit.Micros => (value / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture) + " s",
        Unit.Bytes when value < 1 << 20 => (value / (1 << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        Unit.Bytes => (value / (1 << 20)).ToString("0", CultureInfo.InvariantCulture) + " MiB",
        Unit.PerSecond => value.ToString(value < 100 ? "0.0" : "0", CultureInfo.InvariantCulture) + "/s",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };
}
