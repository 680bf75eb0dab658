namespace Cuvis.Sandbox.Bench.Tests;

public sealed class NumpyTimesTests
{
    [Fact]
    public void Parse_ReadsTheLastJsonLine_InMicros()
    {
        var times = NumpyTimes.Parse("warming up\n{\"minmax_ms\": [2.0, 1.0, 3.0], \"rx_ms\": [120.5]}\n");

        times.Unavailable.Should().BeNull();
        times.MinMax!.P50.Should().Be(2_000);
        times.Rx!.P50.Should().Be(120_500);
    }

    [Theory]
    [InlineData("", "printed no JSON object")]
    [InlineData("{\"minmax_ms\": [1.0]}", "printed '{\"minmax_ms\": [1.0]}', not")]
    [InlineData("{\"minmax_ms\": [], \"rx_ms\": [1]}", "minmax_ms is empty")]
    [InlineData("{not json", "not {")]
    public void Parse_SaysWhyThereIsNoBaseline(string output, string why)
    {
        var times = NumpyTimes.Parse(output);

        times.MinMax.Should().BeNull();
        times.Unavailable.Should().StartWith("baseline unavailable: tools/bench/kernels.py").And.Contain(why);
    }

    [Fact]
    public async Task AMissingScript_IsReportedAsMissing()
    {
        var root = Directory.CreateTempSubdirectory("bench-no-script-").FullName;
        try
        {
            var settings = new BenchSettings
            {
                Rows = [BenchRows.Kernels],
                SupervisorAssembly = "s.dll",
                WorkerAssembly = "w.dll",
                RepositoryRoot = root,
                WorkDirectory = root,
                ReportPath = "r.md",
            };

            var times = await NumpyTimes.MeasureAsync(settings, Cube.Random(1, 2, 2, 2));

            times.Unavailable.Should().Be("baseline unavailable: tools/bench/kernels.py missing");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void WithoutABaseline_TheKernelRowsSaySo_AndWithoutNodeTiming_TheyFallBackToTheWholeCall()
    {
        var rows = KernelBench.Rows("RXPerBatch", Cube.Random(1, 2, 2, 2), Samples.Of([345_000]), inside: null, baseline: null,
            "baseline unavailable: tools/bench/kernels.py missing", count: 1).ToArray();

        rows[0].Verdict.Should().Be(Verdict.Unavailable);
        rows[0].Figure.Should().Be("345.0 ms");
        rows[0].Note.Should().Be("baseline unavailable: tools/bench/kernels.py missing; no node timing from this server: the whole call");
        rows[1].Measure.Should().EndWith("whole call through the supervisor");
        rows[1].Verdict.Should().Be(Verdict.Reported);
    }

    [Fact]
    public void WithNodeTimingAndABaseline_TheKernelIsJudgedAgainstNumPy()
    {
        var rows = KernelBench.Rows("RXPerBatch", Cube.Random(1, 2, 2, 2), Samples.Of([345_000]), inside: Samples.Of([100_000]),
            baseline: Samples.Of([123_000]), unavailable: null, count: 1).ToArray();

        rows[0].Figure.Should().Be("100.0 ms");
        rows[0].Ratio.Should().Be("0.81x");
        rows[0].Verdict.Should().Be(Verdict.Pass);
        rows[1].Ratio.Should().Be("2.80x");
    }
}
