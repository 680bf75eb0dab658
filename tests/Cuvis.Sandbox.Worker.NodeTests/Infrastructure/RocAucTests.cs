namespace Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

public class RocAucTests
{
    [Fact]
    public void Compute_PerfectSeparation_IsOne()
    {
        RocAuc.Compute([0.1f, 0.2f, 0.9f, 0.8f], [false, false, true, true]).Should().Be(1);
    }

    [Fact]
    public void Compute_MixedRanks_CountsTheOrderedPairs()
    {
        // Positives 0.35 and 0.8 against negatives 0.1, 0.4, 0.7: 0.35 beats one, 0.8 beats three: 4 of 6.
        RocAuc.Compute([0.1f, 0.35f, 0.4f, 0.7f, 0.8f], [false, true, false, false, true]).Should().BeApproximately(4 / 6.0, 1e-12);
    }

    [Fact]
    public void Compute_Ties_CountOneHalf()
    {
        // Positive 0.5 ties negative 0.5 (1/2) and beats 0.2 (1); positive 0.9 beats both: 3.5 of 4.
        RocAuc.Compute([0.5f, 0.5f, 0.2f, 0.9f], [true, false, false, true]).Should().BeApproximately(3.5 / 4, 1e-12);
    }

    [Fact]
    public void Compute_AllScoresEqual_IsOneHalf()
    {
        RocAuc.Compute([1f, 1f, 1f, 1f, 1f], [true, false, false, true, false]).Should().Be(0.5);
    }

    [Fact]
    public void Compute_OneClassOnly_Throws()
    {
        var compute = () => RocAuc.Compute([1f, 2f], [true, true]);

        compute.Should().Throw<ArgumentException>();
    }
}
