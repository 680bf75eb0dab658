using System.Text;

namespace Cuvis.Sandbox.Bench;

/// <summary>The report: a heading saying where and how the run was made, and one markdown table of every row.</summary>
internal static class BenchTable
{
    public static string Render(IReadOnlyList<BenchRow> rows, IReadOnlyList<string> heading)
    {
        var text = new StringBuilder();
        foreach (var line in heading)
        {
            text.Append(line).Append('\n');
        }

        text.Append('\n');
        text.Append("| measure | figure | baseline (same run) | ratio | target | mark | note |\n");
        text.Append("|---|---|---|---|---|---|---|\n");
        foreach (var row in rows)
        {
            text.Append("| ").AppendJoin(" | ", new[] { row.Measure, row.Figure, row.Baseline, row.Ratio, row.Target, Mark(row.Verdict), row.Note }.Select(Cell))
                .Append(" |\n");
        }

        var failed = rows.Count(r => r.Verdict == Verdict.Fail);
        var unavailable = rows.Count(r => r.Verdict == Verdict.Unavailable);
        text.Append('\n').Append(
            $"{rows.Count(r => r.Verdict == Verdict.Pass)} targets met, {failed} missed, {unavailable} not measurable in this run, "
            + $"{rows.Count(r => r.Verdict == Verdict.Reported)} figures without a target.\n");
        return text.ToString();
    }

    public static string Mark(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "FAIL",
        Verdict.Reported => "—",
        Verdict.Unavailable => "n/a",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>A cell never breaks the table: no pipes, no line breaks.</summary>
    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
