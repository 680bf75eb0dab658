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
    public void MedianDifference_IsTheP50OfThePairs_NotTheDifferenceOfTheP50s()
    {
        var figure = Samples.Of([10, 20, 30]);
        var baseline = Samples.Of([25, 5, 28]);

        figure.MedianDifference(baseline).Should().Be(2);
        (figure.P50 - baseline.P50).Should().Be(-5);
        Samples.Of([5, 1]).MedianDifference(Samples.Of([1, 5])).Should().Be(-4);
    }

    [Fact]
    public void MedianDifference_OfUnpairedSamples_Throws()
    {
        var act = () => Samples.Of([1, 2]).MedianDifference(Samples.Of([1]));

        act.Should().Throw<InvalidOperationException>().WithMessage("Paired samples differ in number: 2 and 1.");
    }

    [Fact]
    public void NoSamples_Throw()
    {
        var act = () => new Samples().P50;

        act.Should().Throw<InvalidOperationException>().WithMessage("No samples*");
    }
}
