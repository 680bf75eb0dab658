namespace Cuvis.Sandbox.Worker.PluginTests.Infrastructure;

/// <summary>Every test class that needs built plugins shares one <see cref="TestPluginBuild"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TestPluginsDefinition : ICollectionFixture<TestPluginBuild>
{
    public const string Name = "Test plugins";
}
