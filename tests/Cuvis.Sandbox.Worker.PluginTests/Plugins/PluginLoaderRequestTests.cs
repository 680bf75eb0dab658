using System.Runtime.Loader;
using Cuvis.Sandbox.Worker.Plugins;
using Cuvis.Sandbox.Worker.PluginTests.Infrastructure;
using static Cuvis.Sandbox.Worker.PluginTests.Infrastructure.TestPluginBuild;

namespace Cuvis.Sandbox.Worker.PluginTests.Plugins;

/// <summary>Requests the loader refuses before it creates a load context or touches an assembly.</summary>
[Collection(TestPluginsDefinition.Name)]
public sealed class PluginLoaderRequestTests(TestPluginBuild plugins)
{
    private readonly TestSession _session = new();

    [Fact]
    public void Load_MainAssemblyWithParentSegments_FailsThoughTheFileExists()
    {
        var output = plugins.OutputOf(GoodPlugin);
        var escaping = $"../{Path.GetFileName(output)}/GoodPlugin.dll";
        File.Exists(Path.Combine(output, escaping)).Should().BeTrue("the path must reach a real assembly for the test to mean anything");

        var result = Load(new BuiltPlugin(UniqueName(), output, escaping, ["GoodPlugin.ScaleNode"]));

        result.Error.Should().Contain($"main assembly '{escaping}' must be a file name inside '{output}', not a path");
    }

    [Fact]
    public void Load_MainAssemblyAsAbsolutePath_Fails()
    {
        var output = plugins.OutputOf(GoodPlugin);
        var absolute = Path.Combine(output, "GoodPlugin.dll");

        var result = Load(new BuiltPlugin(UniqueName(), output, absolute, ["GoodPlugin.ScaleNode"]));

        result.Error.Should().Contain($"main assembly '{absolute}' must be a file name inside");
    }

    [Fact]
    public void Load_RelativeDirectory_Fails()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, plugins.OutputOf(GoodPlugin));

        var result = Load(new BuiltPlugin(UniqueName(), relative, "GoodPlugin.dll", ["GoodPlugin.ScaleNode"]));

        result.Error.Should().Contain($"directory '{relative}' must be an absolute path");
    }

    [Fact]
    public void Load_MissingMainAssembly_Fails()
    {
        var output = plugins.OutputOf(GoodPlugin);

        var result = Load(new BuiltPlugin(UniqueName(), output, "Nowhere.dll", ["GoodPlugin.ScaleNode"]));

        result.Error.Should().Contain($"main assembly 'Nowhere.dll' does not exist in '{output}'");
    }

    [Theory]
    [InlineData(new string[0], "provides no node classes")]
    [InlineData(new[] { "GoodPlugin.ScaleNode", " " }, "lists an empty type name")]
    public void Load_UnusableProvides_Fails(string[] provides, string message)
    {
        var result = Load(plugins.Plugin(GoodPlugin, UniqueName(), provides));

        result.Error.Should().Contain(message);
    }

    private static string UniqueName() => "refused-" + Guid.NewGuid().ToString("N");

    private PluginLoadResult Load(BuiltPlugin plugin)
    {
        var result = _session.CreateLoader().Load(plugin);

        result.Loaded.Should().BeFalse();
        _session.Registry.Plugins.Should().BeEmpty();
        AssemblyLoadContext.All.Should().NotContain(context => context.Name == plugin.Name, "a refused request loads nothing");
        return result;
    }
}
