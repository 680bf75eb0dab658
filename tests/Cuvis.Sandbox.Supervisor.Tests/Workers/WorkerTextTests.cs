using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers;

public sealed class WorkerTextTests
{
    [Fact]
    public void Bound_ShortText_IsUnchanged() => WorkerText.Bound("plugin failed").Should().Be("plugin failed");

    [Fact]
    public void Bound_HugeText_IsCutSayingHowMuchWasCut()
    {
        var huge = new string('x', WorkerText.MaxLength + 1_000_000);

        var bounded = WorkerText.Bound(huge);

        bounded.Should().StartWith(new string('x', WorkerText.MaxLength)).And.EndWith("... (1000000 more characters cut)");
        bounded.Length.Should().BeLessThan(WorkerText.MaxLength + 64);
    }
}
