using System.Globalization;

namespace Cuvis.Sandbox.Bench;

/// <summary>A target of issue 10, judged against a figure and the baseline measured in the same run.</summary>
internal sealed record Target
{
    private enum Kind
    {
        None,
        AtMost,
        DifferenceAtMost,
        RatioAtMost,
    }

    private readonly Kind _kind;
    private readonly double _limit;

    private Target(Kind kind, double limit, string text)
    {
        _kind = kind;
        _limit = limit;
        Text = text;
    }

    /// <summary>How the table shows it.</summary>
    public string Text { get; }

    /// <summary>No target: the figure is reported.</summary>
    public static Target None { get; } = new(Kind.None, 0, "—");

    /// <summary>The figure itself, in the unit it is measured in, at most <paramref name="limit"/>.</summary>
    public static Target AtMost(double limit, string text) => new(Kind.AtMost, limit, text);

    /// <summary>The figure exceeds its baseline by at most <paramref name="limit"/> (same unit).</summary>
    public static Target DifferenceAtMost(double limit, string text) => new(Kind.DifferenceAtMost, limit, text);

    /// <summary>The figure is at most <paramref name="limit"/> times its baseline.</summary>
    public static Target RatioAtMost(double limit, string? text = null) =>
        new(Kind.RatioAtMost, limit, text ?? "<= " + limit.ToString("0.0#", CultureInfo.InvariantCulture) + "x");

    /// <summary>True when the table compares figure and baseline by their difference, not their ratio.</summary>
    public bool ComparesDifference => _kind == Kind.DifferenceAtMost;

    public Verdict Judge(double figure, double? baseline) => _kind switch
    {
        Kind.None => Verdict.Reported,
        Kind.AtMost => figure <= _limit ? Verdict.Pass : Verdict.Fail,
        Kind.DifferenceAtMost when baseline is { } b => figure - b <= _limit ? Verdict.Pass : Verdict.Fail,
        Kind.RatioAtMost when baseline is { } b and > 0 => figure / b <= _limit ? Verdict.Pass : Verdict.Fail,
        _ => Verdict.Unavailable,
    };
}
