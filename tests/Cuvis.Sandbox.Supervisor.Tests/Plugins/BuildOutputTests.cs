using Cuvis.Sandbox.Supervisor.Plugins.Building;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

public sealed class BuildOutputTests
{
    [Fact]
    public void Output_PastTheCap_IsDropped_AndTheDropIsSaid()
    {
        var sut = new BuildOutput(limitBytes: 100);

        sut.Add("error CS1002: ; expected");
        for (var i = 0; i < 1000; i++)
        {
            sut.Add(new string('z', 50));
        }

        var text = sut.ToString();
        text.Should().StartWith("error CS1002: ; expected\n").And.Contain("build output cut").And.Contain("50949 more bytes dropped", "999 lines of 51 bytes did not fit");
        text.Length.Should().BeLessThan(200);
    }
}
