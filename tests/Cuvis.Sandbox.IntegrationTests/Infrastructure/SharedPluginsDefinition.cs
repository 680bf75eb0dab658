namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>The test classes that share one <see cref="SharedPlugins"/>: its builds are made once per run.</summary>
[CollectionDefinition(SharedPlugins.Collection)]
public sealed class SharedPluginsDefinition : ICollectionFixture<SharedPlugins>;
