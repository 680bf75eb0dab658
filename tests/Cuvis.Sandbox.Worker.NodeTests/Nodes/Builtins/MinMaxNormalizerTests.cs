using Cuvis.Sandbox.Worker.Nodes.Builtins;
using Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

namespace Cuvis.Sandbox.Worker.NodeTests.Nodes.Builtins;

public class MinMaxNormalizerTests
{
    [Fact]
    public void Forward_Defaults_MapsEachImageOnItsOwnRangeToZeroOne()
    {
        // Image 0 spans 1..5, image 1 spans -2..6: both land on 0, 0.25, 0.5, 1.
        var data = NodeRun.Cube([1, 2, 3, 5, -2, 0, 2, 6], 2, 1, 2, 2);

        var normalized = new MinMaxNormalizer().Run(("data", data)).Floats("normalized");

        normalized.Should().Equal(0f, 0.25f, 0.5f, 1f, 0f, 0.25f, 0.5f, 1f);
    }

    [Fact]
    public void Forward_PerChannel_ScalesEachBandByItsOwnRange()
    {
        // Pixels (1, 10), (3, 30), (5, 20): band 0 spans 1..5, band 1 spans 10..30.
        var data = NodeRun.Cube([1, 10, 3, 30, 5, 20], 1, 1, 3, 2);

        var normalized = new MinMaxNormalizer(perChannel: true).Run(("data", data)).Floats("normalized");

        normalized.Should().Equal(0f, 0f, 0.5f, 1f, 1f, 0.5f);
    }

    [Fact]
    public void Forward_OutputRange_MapsMinimumAndMaximumToIt()
    {
        var data = NodeRun.Cube([1, 2, 3, 5], 1, 2, 2, 1);

        var normalized = new MinMaxNormalizer(outputMin: -1, outputMax: 1).Run(("data", data)).Floats("normalized");

        normalized.Should().Equal(-1f, -0.5f, 0f, 1f);
    }

    [Fact]
    public void Forward_ConstantImage_MapsToZero()
    {
        var data = NodeRun.Cube([7, 7, 7, 7, 1, 3, 1, 3], 2, 2, 1, 2);

        var normalized = new MinMaxNormalizer().Run(("data", data)).Floats("normalized");

        normalized.Should().Equal(0f, 0f, 0f, 0f, 0f, 1f, 0f, 1f);
    }

    [Fact]
    public void Forward_ConstantBandPerChannel_MapsToOutputMin()
    {
        var data = NodeRun.Cube([4, 1, 4, 3], 1, 1, 2, 2);

        var normalized = new MinMaxNormalizer(perChannel: true, outputMin: 2, outputMax: 3).Run(("data", data)).Floats("normalized");

        normalized.Should().Equal(2f, 2f, 2f, 3f);
    }

    [Fact]
    public void Create_OutputMaxNotAboveOutputMin_ThrowsNamingTheParameter()
    {
        var create = () => new MinMaxNormalizer(outputMin: 1, outputMax: 1);

        create.Should().Throw<ArgumentException>()
            .WithMessage("MinMaxNormalizer: parameter 'outputMax' must be greater than outputMin (1); got 1. (Parameter 'outputMax')")
            .Which.ParamName.Should().Be("outputMax");
    }

    [Fact]
    public void Create_NaNOutputMin_Throws()
    {
        var create = () => new MinMaxNormalizer(outputMin: double.NaN);

        create.Should().Throw<ArgumentException>().WithMessage("MinMaxNormalizer: parameter 'outputMin' must be a finite number; got NaN. (Parameter 'outputMin')");
    }

    [Fact]
    public void Forward_NotRankFour_ThrowsNamingThePort()
    {
        var data = NodeRun.Cube([1, 2, 3, 4], 2, 2, 1);

        var forward = () => new MinMaxNormalizer().Run(("data", data));

        forward.Should().Throw<ArgumentException>()
            .WithMessage("MinMaxNormalizer: input 'data' must be a Float32 BHWC tensor (rank 4); got Tensor(Float32, [2, 2, 1]). (Parameter 'data')")
            .Which.ParamName.Should().Be("data");
    }

    [Fact]
    public void Forward_NoData_Throws()
    {
        var forward = () => new MinMaxNormalizer().Run(("cube", NodeRun.Cube([1], 1, 1, 1, 1)));

        forward.Should().Throw<ArgumentException>().WithMessage("MinMaxNormalizer: input 'data' must be a Float32 BHWC tensor; got no tensor. (Parameter 'data')");
    }
}
