using Cuvis.Sandbox.Worker.Nodes.Builtins;
using Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

namespace Cuvis.Sandbox.Worker.NodeTests.Nodes.Builtins;

public class ScoreToLogitTests
{
    [Fact]
    public void Forward_ScaleAndBias_ComputesScaleTimesScoreMinusBias()
    {
        var scores = NodeRun.Cube([0, 1, 2.5f, -1], 1, 2, 2, 1);

        var logits = new ScoreToLogit(scale: 2, bias: 1).Run(("scores", scores));

        logits.Output("logits").Shape.ToArray().Should().Equal(1, 2, 2, 1);
        logits.Floats("logits").Should().Equal(-2f, 0f, 3f, -4f);
    }

    [Fact]
    public void Forward_Defaults_IsTheIdentity()
    {
        var logits = new ScoreToLogit().Run(("scores", NodeRun.Cube([-3.25f, 7], 1, 1, 1, 2)));

        logits.Floats("logits").Should().Equal(-3.25f, 7f);
    }

    [Fact]
    public void Create_NaNScale_ThrowsNamingTheParameter()
    {
        var create = () => new ScoreToLogit(scale: double.NaN);

        create.Should().Throw<ArgumentException>()
            .WithMessage("ScoreToLogit: parameter 'scale' must be a finite number; got NaN. (Parameter 'scale')")
            .Which.ParamName.Should().Be("scale");
    }

    [Fact]
    public void Forward_WrongPort_ThrowsNamingTheExpectedOne()
    {
        var forward = () => new ScoreToLogit().Run(("logits", NodeRun.Cube([1], 1, 1, 1, 1)));

        forward.Should().Throw<ArgumentException>().WithMessage("ScoreToLogit: input 'scores' must be a Float32 BHWC tensor; got no tensor. (Parameter 'scores')");
    }
}
