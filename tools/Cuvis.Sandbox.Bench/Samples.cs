namespace Cuvis.Sandbox.Bench;

/// <summary>Durations of repeated calls, in microseconds; percentiles by the nearest-rank method.</summary>
internal sealed class Samples
{
    private readonly List<double> _micros = [];

    public int Count => _micros.Count;

    public IReadOnlyList<double> Micros => _micros;

    public void Add(TimeSpan elapsed) => _micros.Add(elapsed.TotalMicroseconds);

    public void AddMicros(double micros) => _micros.Add(micros);

    public static Samples Of(IEnumerable<double> micros)
    {
        var samples = new Samples();
        foreach (var value in micros)
        {
            samples.AddMicros(value);
        }

        return samples;
    }

    /// <summary>The smallest sample at least <paramref name="percent"/> % of the samples are not above.</summary>
    public double Percentile(double percent)
    {
        if (_micros.Count == 0)
        {
            throw new InvalidOperationException("No samples were taken.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var sorted = _micros.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Max(rank, 1) - 1];
    }

    public double P50 => Percentile(50);

    /// <summary>
    /// The p50 of this sample minus <paramref name="baseline"/>'s, pair by pair: for samples taken in
    /// turn, where the i-th of each shared a moment of the machine, it is steadier than the difference of the p50s.
    /// </summary>
    public double MedianDifference(Samples baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return Count == baseline.Count
            ? Of(_micros.Zip(baseline._micros, (figure, paired) => figure - paired)).P50
            : throw new InvalidOperationException($"Paired samples differ in number: {Count} and {baseline.Count}.");
    }

    public double P99 => Percentile(99);

    public double Mean => _micros.Count == 0 ? throw new InvalidOperationException("No samples were taken.") : _micros.Average();
}
