using System.Globalization;

namespace Cuvis.Sandbox.IntegrationTests.Malformed;

/// <summary>The healthy session's calls in one window: how many, how many failed, and their median and 99th-percentile latency (nearest rank).</summary>
internal sealed record LatencySummary(int Calls, int Failed, double P50, double P99)
{
    public static LatencySummary Of(IReadOnlyList<LatencySample> samples)
    {
        var sorted = samples.Select(s => s.Milliseconds).Order().ToArray();
        return new LatencySummary(samples.Count, samples.Count(s => s.Failed), Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    public static string Milliseconds(double value) =>
        double.IsNaN(value) ? "-" : value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public override string ToString() => $"{Calls} calls, {Failed} failed, p50 {Milliseconds(P50)}, p99 {Milliseconds(P99)}";

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
