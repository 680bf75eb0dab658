namespace Cuvis.Sandbox.Bench.Tests;

public sealed class TargetTests
{
    [Theory]
    [InlineData(4_999, true)]
    [InlineData(5_000, true)]
    [InlineData(5_001, false)]
    public void AtMost_JudgesTheFigureAlone(double figure, bool passes) =>
        Target.AtMost(5_000, "<= 5 ms").Judge(figure, baseline: 1).Should().Be(passes ? Verdict.Pass : Verdict.Fail);

    [Theory]
    [InlineData(650, 500, true)]
    [InlineData(651, 500, false)]
    [InlineData(100, 500, true)]
    public void DifferenceAtMost_JudgesFigureMinusBaseline(double figure, double baseline, bool passes) =>
        Target.DifferenceAtMost(150, "<= +150 us").Judge(figure, baseline).Should().Be(passes ? Verdict.Pass : Verdict.Fail);

    [Theory]
    [InlineData(115, 100, true)]
    [InlineData(116, 100, false)]
    public void RatioAtMost_JudgesFigureOverBaseline(double figure, double baseline, bool passes) =>
        Target.RatioAtMost(1.15).Judge(figure, baseline).Should().Be(passes ? Verdict.Pass : Verdict.Fail);

    [Fact]
    public void AComparison_WithoutABaseline_IsUnavailable()
    {
        Target.RatioAtMost(1.15).Judge(1, baseline: null).Should().Be(Verdict.Unavailable);
        Target.DifferenceAtMost(150, "x").Judge(1, baseline: null).Should().Be(Verdict.Unavailable);
        Target.RatioAtMost(1.15).Judge(1, baseline: 0).Should().Be(Verdict.Unavailable);
    }

    [Fact]
    public void NoTarget_IsReported() => Target.None.Judge(1e9, 1).Should().Be(Verdict.Reported);

    [Fact]
    public void RatioText_NamesTheLimit() => Target.RatioAtMost(1.3).Text.Should().Be("<= 1.3x");
}
