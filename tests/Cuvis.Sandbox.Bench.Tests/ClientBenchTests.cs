namespace Cuvis.Sandbox.Bench.Tests;

public sealed class ClientBenchTests
{
    private const string Large = "128 MiB (1 x 512 x 512 x 128 float32, MinMaxNormalizer)";

    [Fact]
    public void ASmallCallRow_ShowsBothP50s_AndJudgesTheMedianOfThePairedDifferences()
    {
        var client = Samples.Of([1_040, 1_060, 1_020, 5_000]);
        var stub = Samples.Of([1_000, 1_030, 1_010, 900]);

        var row = ClientBench.SmallCallRow("ListAvailableNodes", client, stub, clientBytes: 34_611, stubBytes: 25_702, setup: "400 calls each way");

        row.Measure.Should().Be("ListAvailableNodes p50: through Cuvis.Sandbox.Client vs the raw stub");
        row.Figure.Should().Be("1.04 ms (p99 5.00 ms)");
        row.Baseline.Should().Be("1.00 ms (p99 1.03 ms)");
        row.Ratio.Should().Be("+30 us paired (p50s +40 us)");
        row.Target.Should().Be("<= +50 us");
        row.Verdict.Should().Be(Verdict.Pass);
        row.Note.Should().Be("400 calls each way; judged: the median of the differences of the calls paired in turn; "
                             + "the bench allocated 33.8 KiB per call through the client, 25.1 KiB through the stub");
    }

    [Fact]
    public void ASmallCallRow_FailsWhenThePairsShowTheClientAddingMoreThan50Us()
    {
        var row = ClientBench.SmallCallRow("Inference", Samples.Of([1_100, 1_200, 1_300]), Samples.Of([1_049, 1_149, 1_249]), 0, 0, "");

        row.Ratio.Should().Be("+51 us paired (p50s +51 us)");
        row.Verdict.Should().Be(Verdict.Fail);
    }

    [Fact]
    public void ASmallCallRow_IsNotFailedByAPairThatStraddledABusyMoment()
    {
        // Every pair is +10 us but the third, whose client call met a busy moment of the machine: it moves the p50s by a second.
        var client = Samples.Of([1_010, 1_010, 2_010, 2_010, 2_010]);
        var stub = Samples.Of([1_000, 1_000, 1_000, 2_000, 2_000]);

        var row = ClientBench.SmallCallRow("Inference", client, stub, 0, 0, "");

        row.Ratio.Should().Be("+10 us paired (p50s +1.01 ms)");
        row.Verdict.Should().Be(Verdict.Pass);
    }

    [Fact]
    public void TheLargeCall_ReportsItsTime_AndJudgesTheBytesAllocated()
    {
        var rows = ClientBench.LargeRows(Large, Samples.Of([1_410_000]), Samples.Of([1_160_000]), clientBytes: (129L << 20) + 85_606, stubBytes: 129L << 20).ToList();

        rows.Should().HaveCount(2);
        rows[0].Should().Be(new BenchRow($"Inference of {Large} p50: through Cuvis.Sandbox.Client vs the raw stub", "1.41 s", "1.16 s", "1.22x", "—",
            Verdict.Reported, "1 call each way, alternating, after one warm-up through the stub (the session's shared-memory arena); reported only: a copy of the tensor costs less than this machine's noise, so the row below is the copy test"));
        rows[1].Measure.Should().Be($"bytes the bench allocates per Inference of {Large}: through Cuvis.Sandbox.Client vs the raw stub");
        rows[1].Figure.Should().Be("129 MiB");
        rows[1].Ratio.Should().Be("+83.6 KiB");
        rows[1].Target.Should().Be("<= +8 MiB (no copy of the tensor)");
        rows[1].Verdict.Should().Be(Verdict.Pass);
    }

    [Fact]
    public void AClientThatCopiesTheTensor_FailsTheCopyTest()
    {
        var rows = ClientBench.LargeRows(Large, Samples.Of([1, 2]), Samples.Of([1, 2]), clientBytes: 257L << 20, stubBytes: 129L << 20).ToList();

        rows[1].Ratio.Should().Be("+128 MiB");
        rows[1].Verdict.Should().Be(Verdict.Fail);
        rows[1].Note.Should().StartWith("2 calls each way");
    }

    [Fact]
    public void TheClientRows_AreAGroupOfTheirOwn_ThatQuickRunsMake()
    {
        Enum.GetNames<BenchRows>().Should().Contain("Client");
        BenchSettings.SlowRows.Should().NotContain(BenchRows.Client);
    }
}
