using Cuvis.Sandbox.Contracts;
using SpectralSmoothing;
using static Cuvis.Sandbox.Examples.Tests.CubeSamples;

namespace Cuvis.Sandbox.Examples.Tests.SpectralSmoothing;

public class MovingAverageTests
{
    private readonly Tensor _cube = Cube([[1f, 2f, 3f, 4f, 10f], [0f, 6f, 0f, 6f, 0f]]);

    [Fact]
    public void Forward_DefaultWindow_AveragesThreeBands_AndTwoAtTheEnds()
    {
        var smoothed = Run(new MovingAverage(), "smoothed", ("cube", _cube));

        smoothed.Shape.ToArray().Should().Equal(1, 1, 2, 5);
        smoothed.AsReadOnlySpan<float>().ToArray().Should().Equal(
            [1.5f, 2f, 3f, 17f / 3f, 7f, 3f, 2f, 4f, 2f, 3f], (a, e) => Math.Abs(a - e) < 1e-5f);
    }

    [Fact]
    public void Forward_WindowOfFive_ShrinksAtBothEnds()
    {
        var smoothed = Run(new MovingAverage(window: 5), "smoothed", ("cube", _cube));

        smoothed.AsReadOnlySpan<float>()[..5].ToArray().Should().Equal(
            [2f, 2.5f, 4f, 19f / 4f, 17f / 3f], (a, e) => Math.Abs(a - e) < 1e-5f);
    }

    [Fact]
    public void Forward_WindowOfOne_CopiesTheCube()
    {
        var smoothed = Run(new MovingAverage(window: 1), "smoothed", ("cube", _cube));

        smoothed.AsReadOnlySpan<float>().ToArray().Should().Equal(_cube.AsReadOnlySpan<float>().ToArray());
        smoothed.Should().NotBeSameAs(_cube);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(4)]
    public void Constructor_WindowNotOddAndPositive_ThrowsNamingTheParameter(int window)
    {
        var act = () => new MovingAverage(window);

        act.Should().Throw<ArgumentException>()
            .WithMessage($"window must be an odd number of bands, 1 or more (1, 3, 5, ...); got {window}.*")
            .Which.ParamName.Should().Be("window");
    }
}
