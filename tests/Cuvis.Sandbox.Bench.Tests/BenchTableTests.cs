namespace Cuvis.Sandbox.Bench.Tests;

public sealed class BenchTableTests
{
    [Fact]
    public void ARelayRow_ShowsBothFigures_TheirDifference_AndItsMark()
    {
        var row = BenchRow.Judged("ListAvailableNodes p50", Measured.Micros(1487, "p99 2.10 ms"), Measured.Micros(530),
            Target.DifferenceAtMost(150, "<= +150 us"));

        row.Should().Be(new BenchRow("ListAvailableNodes p50", "1.49 ms (p99 2.10 ms)", "530 us", "+957 us", "<= +150 us", Verdict.Fail, ""));
    }

    [Fact]
    public void ARatioRow_ShowsTheRatio()
    {
        var row = BenchRow.Judged("128 MiB", Measured.Micros(2_300_000), Measured.Micros(1_260_000), Target.RatioAtMost(1.15));

        row.Ratio.Should().Be("1.83x");
        row.Figure.Should().Be("2.30 s");
        row.Verdict.Should().Be(Verdict.Fail);
    }

    [Fact]
    public void Render_WritesEveryRow_WithItsMark_AndCountsThem()
    {
        var rows = new[]
        {
            BenchRow.Judged("idle worker", new Measured(50 << 20, Unit.Bytes), null, Target.AtMost(60 << 20, "<= 60 MiB")),
            BenchRow.Judged("sessions | per second", new Measured(3.5, Unit.PerSecond), null, Target.None, "two\nlines"),
            BenchRow.Unavailable("RX", Target.RatioAtMost(1), "baseline unavailable: tools/bench/kernels.py missing"),
        };

        var text = BenchTable.Render(rows, ["# heading"]);

        text.Should().StartWith("# heading\n\n| measure | figure | baseline (same run) | ratio | target | mark | note |\n|---|---|---|---|---|---|---|\n");
        text.Should().Contain("| idle worker | 50 MiB | — | — | <= 60 MiB | pass |  |\n");
        text.Should().Contain("| sessions \\| per second | 3.5/s | — | — | — | — | two lines |\n");
        text.Should().Contain("| RX | — | — | — | <= 1.0x | n/a | baseline unavailable: tools/bench/kernels.py missing |\n");
        text.Should().EndWith("1 targets met, 0 missed, 1 not measurable in this run, 1 figures without a target.\n");
    }

    [Fact]
    public void TheHeading_SaysHowLongEachGroupTook() =>
        BenchOutcome.Took(TimeSpan.FromSeconds(95.4), [(BenchRows.Relay, TimeSpan.FromSeconds(14.6)), (BenchRows.Client, TimeSpan.FromSeconds(19))])
            .Should().Be("took 95 s (relay 15 s, client 19 s)");

    [Theory]
    [InlineData(812, "812 us")]
    [InlineData(1_487, "1.49 ms")]
    [InlineData(335_200, "335.2 ms")]
    [InlineData(2_304_000, "2.30 s")]
    public void Durations_ReadInTheirUnit(double micros, string text) => Measured.Format(micros, Unit.Micros).Should().Be(text);

    [Theory]
    [InlineData(9_728, "9.5 KiB")]
    [InlineData(1_048_575, "1024.0 KiB")]
    [InlineData(1 << 20, "1 MiB")]
    [InlineData(135_266_304, "129 MiB")]
    public void Bytes_UnderAMebibyte_ReadInKibibytes(double bytes, string text) => Measured.Format(bytes, Unit.Bytes).Should().Be(text);

    [Fact]
    public void ASignedValue_KeepsItsSign()
    {
        Measured.Signed(27, Unit.Micros).Should().Be("+27 us");
        Measured.Signed(-3_072, Unit.Bytes).Should().Be("-3.0 KiB");
        Measured.Signed(0, Unit.Micros).Should().Be("+0 us");
    }

    [Fact]
    public void ANegativeDifference_HasAMinus() =>
        Measured.Micros(400).Difference(Measured.Micros(500)).Should().Be("-100 us");
}
