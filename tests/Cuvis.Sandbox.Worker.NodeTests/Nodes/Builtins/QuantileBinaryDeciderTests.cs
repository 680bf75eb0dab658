using Cuvis.Sandbox.Worker.Nodes.Builtins;
using Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

namespace Cuvis.Sandbox.Worker.NodeTests.Nodes.Builtins;

public class QuantileBinaryDeciderTests
{
    [Fact]
    public void Forward_Median_MarksValuesStrictlyAboveTheInterpolatedQuantile()
    {
        // 1..10: the 0.5 quantile sits at position 4.5 between 5 and 6, i.e. 5.5.
        var logits = NodeRun.Cube([3, 1, 4, 10, 5, 9, 2, 6, 8, 7], 1, 2, 5, 1);

        var decisions = new QuantileBinaryDecider(quantile: 0.5).Run(("logits", logits));

        decisions.Output("decisions").Shape.ToArray().Should().Equal(1, 2, 5, 1);
        decisions.Bools("decisions").Should().Equal(false, false, false, true, false, true, false, true, true, true);
    }

    [Fact]
    public void Forward_Default_MarksTheTopHalfPercent()
    {
        // 1..1000: position 0.995 * 999 = 994.005, so the threshold is 995.005 and 996..1000 are marked.
        var values = Enumerable.Range(1, 1000).Select(value => (float)value).ToArray();

        var decisions = new QuantileBinaryDecider().Run(("logits", NodeRun.Cube(values, 1, 10, 100, 1))).Bools("decisions");

        decisions.Select((marked, index) => (marked, index)).Where(item => item.marked).Select(item => item.index + 1)
            .Should().Equal(996, 997, 998, 999, 1000);
    }

    [Fact]
    public void Forward_Batch_ThresholdsEachImageOnItsOwn()
    {
        // The 0.75 quantile of 1..4 is 3.25 and of 100..400 is 325: each image marks its maximum only.
        var logits = NodeRun.Cube([4, 1, 3, 2, 100, 400, 200, 300], 2, 1, 2, 2);

        var decisions = new QuantileBinaryDecider(quantile: 0.75).Run(("logits", logits));

        decisions.Bools("decisions").Should().Equal(true, false, false, false, false, true, false, false);
    }

    [Fact]
    public void Forward_AllEqual_MarksNothing()
    {
        var decisions = new QuantileBinaryDecider(0.9).Run(("logits", NodeRun.Cube([2, 2, 2, 2], 1, 1, 4, 1)));

        decisions.Bools("decisions").Should().AllBeEquivalentTo(false);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "1")]
    [InlineData(1.5, "1.5")]
    [InlineData(double.NaN, "NaN")]
    public void Create_QuantileOutsideZeroOne_ThrowsNamingTheParameter(double quantile, string shown)
    {
        var create = () => new QuantileBinaryDecider(quantile);

        create.Should().Throw<ArgumentException>()
            .WithMessage($"QuantileBinaryDecider: parameter 'quantile' must be strictly between 0 and 1; got {shown}. (Parameter 'quantile')")
            .Which.ParamName.Should().Be("quantile");
    }
}
