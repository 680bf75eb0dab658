using Cuvis.Sandbox.Worker.Nodes.Builtins;
using Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

namespace Cuvis.Sandbox.Worker.NodeTests.Nodes.Builtins;

public class ZScoreNormalizerTests
{
    [Fact]
    public void Forward_Global_UsesTheImagesMeanAndPopulationStd()
    {
        // Mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32 over 8 values: population std 2.
        var data = NodeRun.Cube([2, 4, 4, 4, 5, 5, 7, 9], 1, 2, 2, 2);

        var normalized = new ZScoreNormalizer(epsilon: 0).Run(("data", data)).Floats("normalized");

        normalized.Should().Equal(-1.5f, -0.5f, -0.5f, -0.5f, 0f, 0f, 1f, 2f);
    }

    [Fact]
    public void Forward_DefaultEpsilon_AddsOneHundredMillionthToTheStd()
    {
        var data = NodeRun.Cube([2, 4, 4, 4, 5, 5, 7, 9], 1, 2, 2, 2);

        var normalized = new ZScoreNormalizer().Run(("data", data)).Floats("normalized");

        normalized.ShouldEqualApproximately([-3 / 2.00000001, -1 / 2.00000001, -1 / 2.00000001, -1 / 2.00000001, 0, 0, 2 / 2.00000001, 4 / 2.00000001], 1e-7);
    }

    [Fact]
    public void Forward_PerChannel_StandardisesEachBandAndEachImageAlone()
    {
        // Image 0: band 0 is 1, 3 (mean 2, std 1), band 1 is 10, 30 (mean 20, std 10). Image 1 = 100 x image 0.
        var data = NodeRun.Cube([1, 10, 3, 30, 100, 1000, 300, 3000], 2, 1, 2, 2);

        var normalized = new ZScoreNormalizer(perChannel: true, epsilon: 0).Run(("data", data)).Floats("normalized");

        normalized.Should().Equal(-1f, -1f, 1f, 1f, -1f, -1f, 1f, 1f);
    }

    [Fact]
    public void Forward_ConstantImageWithoutEpsilon_MapsToZero()
    {
        var data = NodeRun.Cube([3, 3, 3], 1, 1, 3, 1);

        var normalized = new ZScoreNormalizer(epsilon: 0).Run(("data", data)).Floats("normalized");

        normalized.Should().Equal(0f, 0f, 0f);
    }

    [Fact]
    public void Create_NegativeEpsilon_ThrowsNamingTheParameter()
    {
        var create = () => new ZScoreNormalizer(epsilon: -1e-3);

        create.Should().Throw<ArgumentException>()
            .WithMessage("ZScoreNormalizer: parameter 'epsilon' must be a finite number, 0 or more; got -0.001. (Parameter 'epsilon')")
            .Which.ParamName.Should().Be("epsilon");
    }

    [Fact]
    public void Forward_UInt16Data_ThrowsNamingThePort()
    {
        var data = Contracts.Tensor.FromArray(new ushort[] { 1 }, 1, 1, 1, 1);

        var forward = () => new ZScoreNormalizer().Run(("data", data));

        forward.Should().Throw<ArgumentException>()
            .WithMessage("ZScoreNormalizer: input 'data' must be a Float32 BHWC tensor (rank 4); got Tensor(UInt16, [1, 1, 1, 1]). (Parameter 'data')");
    }
}
