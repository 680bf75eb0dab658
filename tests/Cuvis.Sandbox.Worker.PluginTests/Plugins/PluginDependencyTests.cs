using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Plugins;
using Cuvis.Sandbox.Worker.PluginTests.Infrastructure;
using static Cuvis.Sandbox.Worker.PluginTests.Infrastructure.TestPluginBuild;

namespace Cuvis.Sandbox.Worker.PluginTests.Plugins;

/// <summary>A plugin's own dependencies: found in its output, isolated from other plugins, missing ones reported.</summary>
[Collection(TestPluginsDefinition.Name)]
public sealed class PluginDependencyTests(TestPluginBuild plugins)
{
    private readonly TestSession _session = new();

    [Fact]
    public void Load_DependencyMissingFromOutput_FailsNamingTheAssembly()
    {
        using var scratch = new ScratchDirectory();
        var output = scratch.CopyFrom(plugins.OutputOf(VersionAPlugin), "out");
        File.Delete(Path.Combine(output, "SharedDependency.dll"));

        var result = CreateSut().Load(new BuiltPlugin("version-a", output, "VersionAPlugin.dll", ["VersionA.DependencyVersionNode"]));

        result.Loaded.Should().BeFalse();
        result.Error.Should().Contain("Plugin 'version-a' is missing a dependency of VersionAPlugin.dll")
            .And.Contain("Could not load file or assembly 'SharedDependency, Version=1.0.0.0");
        _session.Registry.Plugins.Should().BeEmpty();
    }

    [Fact]
    public void Load_PluginWithItsOwnNuGetDependency_RunsForwardWithIt()
    {
        var result = CreateSut().Load(plugins.Plugin(JsonPlugin, "json", "JsonPlugin.JsonScaleNode"));

        result.Loaded.Should().BeTrue(result.Error);
        var node = (Node)Activator.CreateInstance(result.Plugin!.Nodes[0].Type, """{ "factor": 2.5 }""")!;
        var outputs = node.Forward(Inputs("values", Tensor.FromArray([1f, 2f, 4f], 3)), CancellationToken.None);

        outputs.TryGet("scaled", out var scaled).Should().BeTrue();
        scaled!.AsReadOnlySpan<float>().ToArray().Should().Equal(2.5f, 5f, 10f);
        result.Plugin.Context.Assemblies.Should().Contain(assembly => assembly.GetName().Name == "Newtonsoft.Json",
            "the plugin's Newtonsoft.Json comes from its own output, in its own context");
    }

    [Fact]
    public void Load_TwoPluginsWithDifferentVersionsOfADependency_RunSideBySide()
    {
        var sut = CreateSut();

        var a = sut.Load(plugins.Plugin(VersionAPlugin, "version-a", "VersionA.DependencyVersionNode"));
        var b = sut.Load(plugins.Plugin(VersionBPlugin, "version-b", "VersionB.DependencyVersionNode"));

        a.Loaded.Should().BeTrue(a.Error);
        b.Loaded.Should().BeTrue(b.Error);
        RunVersionNode(a.Plugin!).Should().Be(1);
        RunVersionNode(b.Plugin!).Should().Be(2);
        DependencyVersion(a.Plugin!).Should().Be(new Version(1, 0, 0, 0));
        DependencyVersion(b.Plugin!).Should().Be(new Version(2, 0, 0, 0));
        _session.Registry.Plugins.Select(plugin => plugin.Name).Should().Equal("version-a", "version-b");
    }

    private static int RunVersionNode(LoadedPlugin plugin)
    {
        var node = (Node)Activator.CreateInstance(plugin.Nodes[0].Type)!;
        node.Forward(new NodeInputs(new Dictionary<string, Tensor>()), CancellationToken.None)
            .TryGet("version", out var version).Should().BeTrue();
        return version!.AsReadOnlySpan<int>()[0];
    }

    private static Version? DependencyVersion(LoadedPlugin plugin) =>
        plugin.Context.Assemblies.Single(assembly => assembly.GetName().Name == "SharedDependency").GetName().Version;

    private static NodeInputs Inputs(string port, Tensor tensor) => new(new Dictionary<string, Tensor> { [port] = tensor });

    private PluginLoader CreateSut() => _session.CreateLoader();
}
