using Cuvis.Sandbox.Supervisor.Plugins.Building;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

public sealed class BuildErrorsTests
{
    [Fact]
    public void Extract_CompilerErrors_RelativeToTheSourcesWithoutDuplicatesOrProjectSuffix()
    {
        const string output = """
              Determining projects to restore...
            /tmp/b/src/Nodes/Broken.cs(10,58): error CS0103: The name 'x' does not exist in the current context [/tmp/b/src/Broken.csproj]
            /tmp/b/src/Nodes/Other.cs(3,1): warning CS1591: Missing XML comment [/tmp/b/src/Broken.csproj]
            /tmp/b/src/Nodes/Broken.cs(10,58): error CS0103: The name 'x' does not exist in the current context [/tmp/b/src/Broken.csproj]
            /tmp/b/src/Broken.csproj : error NU1101: Unable to find package Foo. [/tmp/b/src/Broken.csproj]
            """;

        var errors = BuildErrors.Extract(output, "/tmp/b/src");

        errors.Should().Equal(
            "Nodes/Broken.cs(10,58): error CS0103: The name 'x' does not exist in the current context",
            "Broken.csproj : error NU1101: Unable to find package Foo.");
    }

    [Fact]
    public void Extract_ManyErrors_KeepsTheFirstFive()
    {
        var output = string.Join('\n', Enumerable.Range(1, 9).Select(i => $"/s/A.cs({i},1): error CS1002: ; expected [/s/A.csproj]"));

        BuildErrors.Extract(output, "/s").Should().HaveCount(5).And.StartWith("A.cs(1,1): error CS1002: ; expected");
    }
}
