using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Nodes.Builtins;
using Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

namespace Cuvis.Sandbox.Worker.NodeTests.Nodes.Builtins;

public class BinaryDeciderTests
{
    [Fact]
    public void Forward_DefaultThreshold_MarksPositiveLogitsOnly()
    {
        var logits = NodeRun.Cube([-1, 0, 0.5f, 2], 1, 2, 1, 2);

        var decisions = new BinaryDecider().Run(("logits", logits));

        decisions.Output("decisions").DType.Should().Be(DType.Bool);
        decisions.Output("decisions").Shape.ToArray().Should().Equal(1, 2, 1, 2);
        decisions.Bools("decisions").Should().Equal(false, false, true, true);
    }

    [Fact]
    public void Forward_Threshold_IsExclusive()
    {
        var decisions = new BinaryDecider(threshold: 1).Run(("logits", NodeRun.Cube([0.99f, 1, 1.01f], 1, 1, 3, 1)));

        decisions.Bools("decisions").Should().Equal(false, false, true);
    }

    [Fact]
    public void Create_InfiniteThreshold_Throws()
    {
        var create = () => new BinaryDecider(double.PositiveInfinity);

        create.Should().Throw<ArgumentException>().WithMessage("BinaryDecider: parameter 'threshold' must be a finite number; got Infinity. (Parameter 'threshold')");
    }
}
