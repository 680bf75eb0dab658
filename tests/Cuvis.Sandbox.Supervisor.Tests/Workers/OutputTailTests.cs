using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers;

public sealed class OutputTailTests
{
    [Fact]
    public void Add_BeyondCapacity_KeepsTheLastLines()
    {
        var tail = new OutputTail(3);

        foreach (var line in new[] { "a", "b", "c", "d", "e" })
        {
            tail.Add(line);
        }

        tail.Snapshot().Should().Equal("c", "d", "e");
        tail.Format().Should().Be("  c\n  d\n  e");
    }

    [Fact]
    public void Add_VeryLongLine_IsShortened()
    {
        var tail = new OutputTail(1);

        tail.Add(new string('x', 10_000));

        tail.Snapshot().Single().Length.Should().BeLessThan(2_100);
    }

    [Fact]
    public void Format_Empty_SaysSo() => new OutputTail(2).Format().Should().Contain("(nothing)");
}
