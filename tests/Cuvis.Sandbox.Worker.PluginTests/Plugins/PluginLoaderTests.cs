using System.Runtime.Loader;
using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Plugins;
using Cuvis.Sandbox.Worker.PluginTests.Infrastructure;
using static Cuvis.Sandbox.Worker.PluginTests.Infrastructure.TestPluginBuild;

namespace Cuvis.Sandbox.Worker.PluginTests.Plugins;

[Collection(TestPluginsDefinition.Name)]
public sealed class PluginLoaderTests(TestPluginBuild plugins)
{
    private readonly TestSession _session = new();

    [Fact]
    public void Load_GoodPluginWithTwoNodes_RegistersBothWithTheirPorts()
    {
        var result = CreateSut().Load(plugins.Plugin(GoodPlugin, "good", "GoodPlugin.ScaleNode", "GoodPlugin.SumNode"));

        result.Error.Should().BeNull();
        result.Loaded.Should().BeTrue();
        result.Plugin!.Nodes.Select(node => node.FullPath).Should().Equal("GoodPlugin.ScaleNode", "GoodPlugin.SumNode");
        result.Plugin.Nodes.Should().OnlyContain(node => node.Source == NodeSource.Plugin && node.PluginName == "good");

        var scale = result.Plugin.Nodes[0];
        scale.ClassName.Should().Be("ScaleNode");
        scale.Inputs.Should().Equal(new PortSpec("values", DType.Float32, [-1], description: "Values to scale."));
        scale.Outputs.Should().Equal(new PortSpec("scaled", DType.Float32, [-1], description: "Every value times factor."));

        var sum = result.Plugin.Nodes[1];
        sum.Inputs.Should().Equal(
            new PortSpec("values", DType.Float32, [1, -1]),
            new PortSpec("mask", DType.Bool, [1, -1], optional: true, description: "Values to count."));
        sum.Outputs.Should().Equal(new PortSpec("sum", DType.Float64, [], description: "Sum of the counted values."));

        _session.Registry.Plugins.Should().ContainSingle().Which.Should().BeSameAs(result.Plugin);
    }

    [Fact]
    public void Load_GoodPlugin_NodesDeriveFromTheHostsNodeInTheirOwnContext()
    {
        // The build output carries its own Cuvis.Sandbox.Contracts.dll; the host's must win anyway.
        File.Exists(Path.Combine(plugins.OutputOf(GoodPlugin), "Cuvis.Sandbox.Contracts.dll")).Should().BeTrue();

        var result = CreateSut().Load(plugins.Plugin(GoodPlugin, "good", "GoodPlugin.ScaleNode"));

        result.Loaded.Should().BeTrue(result.Error);
        var context = result.Plugin!.Context;
        context.Name.Should().Be("good");
        context.IsCollectible.Should().BeTrue();
        var type = result.Plugin.Nodes[0].Type;
        type.BaseType.Should().BeSameAs(typeof(Node));
        AssemblyLoadContext.GetLoadContext(type.Assembly).Should().BeSameAs(context);
        AssemblyLoadContext.GetLoadContext(typeof(Node).Assembly).Should().BeSameAs(AssemblyLoadContext.Default);
        context.Assemblies.Select(assembly => assembly.GetName().Name).Should().NotContain(PluginLoadContext.ContractsAssemblyName);
    }

    [Fact]
    public void Load_ProvidedTypeMissing_FailsNamingTheTypeAndRegistersNothing()
    {
        var result = CreateSut().Load(plugins.Plugin(GoodPlugin, "good", "GoodPlugin.ScaleNode", "GoodPlugin.Missing"));

        result.Loaded.Should().BeFalse();
        result.Error.Should().Be("Cannot import 'GoodPlugin.Missing': no such type in GoodPlugin.dll");
        _session.Registry.Plugins.Should().BeEmpty();
    }

    [Theory]
    [InlineData("GoodPlugin.NotANode", "it does not derive from Cuvis.Sandbox.Contracts.Node")]
    [InlineData("GoodPlugin.AbstractNode", "it is abstract")]
    [InlineData("GoodPlugin.TwoConstructorsNode", "it must have exactly one public constructor, found 2")]
    [InlineData("GoodPlugin.BadPortNode", "Node class 'GoodPlugin.BadPortNode' declares an invalid input port. Port name 'not a name' is invalid")]
    public void Load_ProvidedTypeIsNoUsableNode_FailsWithTheReasonAndRegistersNothing(string typeName, string reason)
    {
        var result = CreateSut().Load(plugins.Plugin(GoodPlugin, "good", "GoodPlugin.ScaleNode", typeName));

        result.Loaded.Should().BeFalse();
        result.Error.Should().StartWith($"Cannot import '{typeName}': {reason}");
        _session.Registry.Plugins.Should().BeEmpty();
    }

    [Fact]
    public void Load_NameAlreadyLoaded_FailsAndKeepsTheFirst()
    {
        var sut = CreateSut();
        var first = sut.Load(plugins.Plugin(GoodPlugin, "good", "GoodPlugin.ScaleNode"));

        var second = sut.Load(plugins.Plugin(GoodPlugin, "good", "GoodPlugin.SumNode"));

        first.Loaded.Should().BeTrue(first.Error);
        second.Error.Should().Be("Plugin 'good' is already loaded in this session.");
        _session.Registry.Plugins.Should().ContainSingle().Which.Should().BeSameAs(first.Plugin);
    }

    [Fact]
    public void Load_NodeAnotherPluginProvides_FailsNamingThatPlugin()
    {
        var sut = CreateSut();
        sut.Load(plugins.Plugin(GoodPlugin, "first", "GoodPlugin.ScaleNode")).Loaded.Should().BeTrue();

        var result = sut.Load(plugins.Plugin(GoodPlugin, "second", "GoodPlugin.SumNode", "GoodPlugin.ScaleNode"));

        result.Error.Should().Be("Cannot import 'GoodPlugin.ScaleNode': plugin 'first' already provides a node of that name.");
        _session.Registry.Plugins.Select(plugin => plugin.Name).Should().Equal("first");
    }

    [Fact]
    public void Load_FileThatIsNoAssembly_FailsWithoutThrowing()
    {
        using var scratch = new ScratchDirectory();
        File.WriteAllText(scratch.Combine("Broken.dll"), "not a portable executable");

        var result = CreateSut().Load(new BuiltPlugin("broken", scratch.Path, "Broken.dll", ["Broken.Node"]));

        result.Loaded.Should().BeFalse();
        result.Error.Should().StartWith("Cannot load 'Broken.dll' of plugin 'broken': ");
        _session.Registry.Plugins.Should().BeEmpty();
    }

    [Fact]
    public void Load_UnreadableDepsJson_FailsWithoutThrowing()
    {
        using var scratch = new ScratchDirectory();
        var output = scratch.CopyFrom(plugins.OutputOf(GoodPlugin), "out");
        File.WriteAllText(Path.Combine(output, "GoodPlugin.deps.json"), "{ this is not json");

        var result = CreateSut().Load(new BuiltPlugin("good", output, "GoodPlugin.dll", ["GoodPlugin.ScaleNode"]));

        result.Loaded.Should().BeFalse();
        result.Error.Should().StartWith("Plugin 'good' could not be loaded: ");
        _session.Registry.Plugins.Should().BeEmpty();
    }

    private PluginLoader CreateSut() => _session.CreateLoader();
}
