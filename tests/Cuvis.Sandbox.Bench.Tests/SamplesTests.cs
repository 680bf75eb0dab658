namespace Cuvis.Sandbox.Bench.Tests;

public sealed class SamplesTests
{
    [Fact]
    public void Percentiles_AreNearestRank()
    {
        var samples = Samples.Of(Enumerable.Range(1, 200).Select(i => (double)i).Reverse());

        samples.P50.Should().Be(100);
        samples.P99.Should().Be(198);
        samples.Percentile(100).Should().Be(200);
        samples.Percentile(0.1).Should().Be(1);
    }

    [Fact]
    public void OneSample_IsEveryPercentile()
    {
        var samples = Samples.Of([42]);

        samples.P50.Should().Be(42);
        samples.P99.Should().Be(42);
    }

    [Fact]
    public void NoSamples_Throw()
    {
        var act = () => new Samples().P50;

        act.Should().Throw<InvalidOperationException>().WithMessage("No samples*");
    }
}
