using Cuvis.Sandbox.IntegrationTests.Infrastructure;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

/// <summary>
/// The plugin repositories and the plugin cache every hostile-plugin test of a class shares:
/// PipelineKit and Hostile are built once, and each test's own supervisor finds them in the
/// cache. Tests of one class run one after another, so one supervisor uses the cache at a time.
/// </summary>
public sealed class HostilePluginFixture : IAsyncLifetime
{
    internal TempDirectory Directory { get; } = new("csh");

    internal PluginRepository Kit { get; private set; } = null!;

    internal PluginRepository Hostile { get; private set; } = null!;

    /// <summary>The shared Plugins:CacheDirectory.</summary>
    internal string Cache => Directory.Combine("cache");

    public async Task InitializeAsync()
    {
        Kit = await PluginRepository.CreateAsync(Directory, "PipelineKit");
        Hostile = await PluginRepository.CreateAsync(Directory, "Hostile");
    }

    public Task DisposeAsync()
    {
        Directory.Dispose();
        return Task.CompletedTask;
    }
}
