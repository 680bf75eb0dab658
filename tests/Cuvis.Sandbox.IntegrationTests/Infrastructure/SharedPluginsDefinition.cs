namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>
/// The test classes that share one <see cref="SharedPlugins"/>: its builds are made once per run.
/// The malformed-input classes also share one <see cref="Malformed.AttackBench"/> (a supervisor
/// with a healthy session), which starts only when the first of them runs.
/// </summary>
[CollectionDefinition(SharedPlugins.Collection)]
public sealed class SharedPluginsDefinition : ICollectionFixture<SharedPlugins>, ICollectionFixture<Malformed.AttackBench>;
