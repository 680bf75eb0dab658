namespace Cuvis.Sandbox.Supervisor.Profiling;

/// <summary>
/// One node's Forward times: count, mean and standard deviation over every sample (Welford's
/// running sums, so nothing grows with the count), exact minimum, maximum, total and last, and the
/// median over the most recent <see cref="MedianWindow"/> samples (a ring, so a session running
/// for days holds a bounded amount per node). Not thread-safe: <see cref="SessionProfiling"/> locks.
/// </summary>
internal sealed class NodeTimings
{
    /// <summary>How many of the latest samples the median is taken over.</summary>
    public const int MedianWindow = 1024;

    private readonly double[] _recent = new double[MedianWindow];
    private double _mean;
    private double _sumOfSquares;

    public long Count { get; private set; }

    public double MinMs { get; private set; } = double.PositiveInfinity;

    public double MaxMs { get; private set; }

    public double TotalMs { get; private set; }

    public double LastMs { get; private set; }

    public double MeanMs => _mean;

    /// <summary>The population standard deviation (0 for a single sample), as NumPy's default.</summary>
    public double StdMs => Count > 0 ? Math.Sqrt(_sumOfSquares / Count) : 0;

    public void Add(double ms)
    {
        Count++;
        var delta = ms - _mean;
        _mean += delta / Count;
        _sumOfSquares += delta * (ms - _mean);
        MinMs = Math.Min(MinMs, ms);
        MaxMs = Math.Max(MaxMs, ms);
        TotalMs += ms;
        LastMs = ms;
        _recent[(Count - 1) % MedianWindow] = ms;
    }

    public double MedianMs()
    {
        var held = (int)Math.Min(Count, MedianWindow);
        if (held == 0)
        {
            return 0;
        }

        var sorted = _recent.AsSpan(0, held).ToArray();
        Array.Sort(sorted);
        return held % 2 == 1 ? sorted[held / 2] : (sorted[(held / 2) - 1] + sorted[held / 2]) / 2;
    }
}
