using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.PluginTests.Infrastructure;
using static Cuvis.Sandbox.Worker.PluginTests.Infrastructure.TestPluginBuild;

namespace Cuvis.Sandbox.Worker.PluginTests.Nodes;

[Collection(TestPluginsDefinition.Name)]
public sealed class NodeCatalogTests(TestPluginBuild plugins)
{
    private readonly TestSession _session = new();

    [Fact]
    public void List_NewSession_HoldsExactlyTheShippedBuiltins()
    {
        var nodes = CreateSut(BuiltinNodes.Types).List();

        nodes.Select(node => node.Type).Should().Equal(BuiltinNodes.Types);
        nodes.Where(node => node.Source != NodeSource.Builtin).Should().BeEmpty();
    }

    [Fact]
    public void List_BuiltinAndPluginNodes_ListsBuiltinsFirstWithTheirSources()
    {
        var sut = CreateSut([typeof(TestBuiltinNode)]);
        _session.CreateLoader().Load(plugins.Plugin(GoodPlugin, "good", "GoodPlugin.ScaleNode", "GoodPlugin.SumNode"))
            .Loaded.Should().BeTrue();

        var nodes = sut.List();

        nodes.Select(node => (node.FullPath, node.Source, node.PluginName)).Should().Equal(
            (typeof(TestBuiltinNode).FullName!, NodeSource.Builtin, ""),
            ("GoodPlugin.ScaleNode", NodeSource.Plugin, "good"),
            ("GoodPlugin.SumNode", NodeSource.Plugin, "good"));
        nodes[0].Inputs.Select(port => port.Name).Should().Equal("cube", "mask");
    }

    [Fact]
    public void List_AfterAFailedLoad_IsUnchanged()
    {
        var sut = CreateSut([]);
        var loader = _session.CreateLoader();
        loader.Load(plugins.Plugin(GoodPlugin, "first", "GoodPlugin.ScaleNode")).Loaded.Should().BeTrue();
        var before = sut.List();

        var failed = loader.Load(plugins.Plugin(GoodPlugin, "second", "GoodPlugin.SumNode", "GoodPlugin.NotANode"));

        failed.Loaded.Should().BeFalse();
        sut.List().Should().Equal(before, "the second plugin's good node must not show when its other type failed");
    }

    [Fact]
    public void List_AnotherWorkersPlugins_AreNotListed()
    {
        var other = new TestSession();
        other.CreateLoader().Load(plugins.Plugin(GoodPlugin, "other", "GoodPlugin.ScaleNode")).Loaded.Should().BeTrue();

        var nodes = CreateSut([]).List();

        nodes.Should().BeEmpty();
        new NodeCatalog(other.Registry, []).List().Should().ContainSingle();
    }

    [Fact]
    public void Create_BuiltinThatIsNoNode_Throws()
    {
        var create = () => CreateSut([typeof(string)]);

        create.Should().Throw<ArgumentException>().WithMessage("Builtin node 'System.String' is not a valid node: it does not derive from*");
    }

    private NodeCatalog CreateSut(IReadOnlyList<Type> builtins) => new(_session.Registry, builtins);
}
