using Cuvis.Sandbox.Supervisor.Plugins.Building;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

public sealed class BuildOutputTests
{
    [Fact]
    public void Output_PastTheCap_KeepsTheBeginningAndTheEnd_DropsTheMiddle_AndSaysHowMuch()
    {
        var sut = new BuildOutput(limitBytes: 200);

        sut.Add("restore: first line");
        for (var i = 0; i < 1000; i++)
        {
            sut.Add(new string('z', 50));
        }

        sut.Add("error CS1002: ; expected");

        // Kept: the first line and one z-line in the first half, the last z-line and the error in the second.
        var text = sut.ToString();
        sut.DroppedBytes.Should().Be(998 * 51);
        text.Should().StartWith("restore: first line\n")
            .And.Contain($"(build output cut: {998 * 51} bytes dropped from the middle")
            .And.EndWith("error CS1002: ; expected\n", "a flood printed before the error must not push the error out");
        text.Length.Should().BeLessThan(200 + 100);
    }

    [Fact]
    public void Output_WithinTheCap_IsKeptWhole()
    {
        var sut = new BuildOutput(limitBytes: 200);

        sut.Add("one");
        sut.Add("two");

        sut.ToString().Should().Be("one\ntwo\n");
        sut.DroppedBytes.Should().Be(0);
    }
}
