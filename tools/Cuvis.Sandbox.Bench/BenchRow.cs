namespace Cuvis.Sandbox.Bench;

/// <summary>One row of the table, every cell already written out.</summary>
/// <param name="Measure">What was measured, and under which settings.</param>
/// <param name="Figure">The figure under test.</param>
/// <param name="Baseline">What it is compared with, measured in the same run ("—" when nothing is).</param>
/// <param name="Ratio">Figure over baseline (<c>1.82x</c>) or their difference (<c>+430 us</c>).</param>
/// <param name="Target">The target.</param>
/// <param name="Verdict">The mark.</param>
/// <param name="Note">What a reader needs to read the figure right (samples, a fallback, a setting).</param>
internal sealed record BenchRow(string Measure, string Figure, string Baseline, string Ratio, string Target, Verdict Verdict, string Note)
{
    /// <summary>A figure judged against <paramref name="target"/>, the ratio column filled as the target compares.</summary>
    public static BenchRow Judged(string measure, Measured figure, Measured? baseline, Target target, string note = "")
    {
        var ratio = baseline is null ? "—" : target.ComparesDifference ? figure.Difference(baseline) : figure.Ratio(baseline);
        return new BenchRow(measure, figure.Text, baseline?.Text ?? "—", ratio, target.Text, target.Judge(figure.Value, baseline?.Value), note);
    }

    /// <summary>A row that could not be measured: the note says why.</summary>
    public static BenchRow Unavailable(string measure, Target target, string why, string figure = "—") =>
        new(measure, figure, "—", "—", target.Text, Verdict.Unavailable, why);
}
