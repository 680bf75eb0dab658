using Cuvis.Sandbox.Worker.Nodes.Builtins;
using Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

namespace Cuvis.Sandbox.Worker.NodeTests.Nodes.Builtins;

public class RXPerBatchTests
{
    // Pixels (0,0), (2,0), (0,2), (4,4): mean (1.5, 1.5); centred sums of squares 11 and 11, cross 7;
    // covariance [[11, 7], [7, 11]] / 3, inverse [[11, -7], [-7, 11]] / 24, so a centred pixel z scores
    // (11 z1² - 14 z1 z2 + 11 z2²) / 24: 18/24, 38/24, 38/24 and 50/24.
    private static readonly float[] HandPixels = [0, 0, 2, 0, 0, 2, 4, 4];
    private static readonly double[] HandScores = [0.75, 19 / 12.0, 19 / 12.0, 25 / 12.0];

    [Fact]
    public void Forward_TwoBands_ScoresTheHandComputedMahalanobisDistances()
    {
        var scores = new RXPerBatch().Run(("data", NodeRun.Cube(HandPixels, 1, 2, 2, 2)));

        scores.Output("scores").Shape.ToArray().Should().Equal(1, 2, 2, 1);
        scores.Floats("scores").ShouldEqualApproximately(HandScores);
    }

    [Fact]
    public void Forward_ThirdBandIsTheSumOfTheOthers_PseudoInverseIgnoresTheNullDirection()
    {
        // Band 3 = band 1 + band 2 makes the covariance singular; the distance within its range is unchanged.
        float[] pixels = [0, 0, 0, 2, 0, 2, 0, 2, 2, 4, 4, 8];

        var scores = new RXPerBatch().Run(("data", NodeRun.Cube(pixels, 1, 1, 4, 3))).Floats("scores");

        scores.ShouldEqualApproximately(HandScores, 1e-5);
    }

    [Fact]
    public void Forward_Batch_ScoresEachImageWithItsOwnStatistics()
    {
        // Image 1 is image 0 times 1000 plus 65: an affine change of units that must not change a score.
        var batch = HandPixels.Concat(HandPixels.Select(value => (value * 1000) + 65)).ToArray();

        var scores = new RXPerBatch().Run(("data", NodeRun.Cube(batch, 2, 2, 2, 2))).Floats("scores");

        scores.ShouldEqualApproximately([.. HandScores, .. HandScores], 1e-5);
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(1e6)]
    public void Forward_ScaledData_GivesTheSameScores(double scale)
    {
        var pixels = HandPixels.Select(value => (float)(value * scale)).ToArray();

        var scores = new RXPerBatch().Run(("data", NodeRun.Cube(pixels, 1, 4, 1, 2))).Floats("scores");

        scores.ShouldEqualApproximately(HandScores, 1e-5);
    }

    [Fact]
    public void Forward_RandomThreeBandImage_MatchesAnIndependentCofactorInverse()
    {
        var random = new Random(20240611);
        var pixels = Enumerable.Range(0, 20 * 3).Select(_ => (float)Math.Round(random.NextDouble() * 100, 2)).ToArray();

        var scores = new RXPerBatch().Run(("data", NodeRun.Cube(pixels, 1, 5, 4, 3))).Floats("scores");

        scores.ShouldEqualApproximately(IndependentRx.ThreeBandScores(pixels), 1e-4);
    }

    [Fact]
    public void Forward_FullRankImage_ScoresSumToPixelsMinusOneTimesBands()
    {
        // Σ zᵢᵀ S⁻¹ zᵢ = trace(S⁻¹ (N - 1) S) = (N - 1) C, whatever the data.
        var random = new Random(7);
        var pixels = Enumerable.Range(0, 40 * 40 * 30).Select(i => (float)((i % 30 * 3) + (random.NextDouble() * 50))).ToArray();

        var scores = new RXPerBatch().Run(("data", NodeRun.Cube(pixels, 1, 40, 40, 30))).Floats("scores");

        scores.Sum(score => (double)score).Should().BeApproximately(1599 * 30, 1599 * 30 * 1e-5);
    }

    [Fact]
    public void Forward_FewerPixelsThanBands_ScoresSumToPixelsMinusOneTimesRank()
    {
        // Three pixels of five bands: the covariance has rank 2, and the pseudo-inverse gives Σ = 2 × 2.
        float[] pixels = [1, 5, 2, 8, 3, 4, 4, 9, 1, 0, 7, 2, 6, 3, 5];

        var scores = new RXPerBatch().Run(("data", NodeRun.Cube(pixels, 1, 1, 3, 5))).Floats("scores");

        scores.Sum(score => (double)score).Should().BeApproximately(4, 1e-4);
    }

    [Fact]
    public void Forward_ConstantImage_ScoresZero()
    {
        var scores = new RXPerBatch().Run(("data", NodeRun.Cube([3, 1, 3, 1, 3, 1], 1, 3, 1, 2))).Floats("scores");

        scores.Should().Equal(0f, 0f, 0f);
    }

    [Fact]
    public void Forward_NaNValue_ThrowsNamingTheImage()
    {
        var forward = () => new RXPerBatch().Run(("data", NodeRun.Cube([1, 2, 3, 4, 5, 6, 7, float.NaN], 2, 1, 2, 2)));

        forward.Should().Throw<ArgumentException>()
            .WithMessage("RXPerBatch: input 'data' must be free of NaN and infinite values; got some in image 1. (Parameter 'data')")
            .Which.ParamName.Should().Be("data");
    }

    [Theory]
    [InlineData(-1e-3, "-0.001")]
    [InlineData(1, "1")]
    public void Create_RcondOutsideZeroOne_ThrowsNamingTheParameter(double rcond, string shown)
    {
        var create = () => new RXPerBatch(rcond);

        create.Should().Throw<ArgumentException>()
            .WithMessage($"RXPerBatch: parameter 'rcond' must be at least 0 and below 1; got {shown}. (Parameter 'rcond')")
            .Which.ParamName.Should().Be("rcond");
    }

    [Fact]
    public void Forward_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var inputs = new Contracts.NodeInputs(new Dictionary<string, Contracts.Tensor> { ["data"] = NodeRun.Cube(HandPixels, 1, 2, 2, 2) });

        var forward = () => new RXPerBatch().Forward(inputs, cancellation.Token);

        forward.Should().Throw<OperationCanceledException>();
    }
}
