namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>
/// The plugin repositories and the plugin cache that the test classes of <see cref="Collection"/>
/// share: PipelineKit and Hostile are built once, by the first test that loads them, and every
/// later supervisor started with <c>--Plugins:CacheDirectory=</c><see cref="Cache"/> finds them in the
/// cache. Tests run one at a time (AssemblyInfo.cs), so one supervisor uses the cache at a time.
/// Tests that change a repository or count builds make their own.
/// </summary>
public sealed class SharedPlugins : IAsyncLifetime
{
    public const string Collection = "Shared plugins";

    internal TempDirectory Directory { get; } = new("csh");

    internal PluginRepository Kit { get; private set; } = null!;

    internal PluginRepository Hostile { get; private set; } = null!;

    /// <summary>The commit of <see cref="Kit"/>.</summary>
    internal string KitCommit { get; private set; } = "";

    /// <summary>
    /// The name of <see cref="Kit"/>'s build entry in the cache: <c>git-&lt;16 hex of sha256(url)&gt;-&lt;commit&gt;</c>,
    /// as the supervisor's GitCacheLayout and PluginResolver name it.
    /// </summary>
    internal string KitBuildKey => BuildKey(Kit, KitCommit);

    /// <summary>The commit of <see cref="Hostile"/>.</summary>
    internal string HostileCommit { get; private set; } = "";

    /// <summary>The name of <see cref="Hostile"/>'s build entry in the cache, as <see cref="KitBuildKey"/>.</summary>
    internal string HostileBuildKey => BuildKey(Hostile, HostileCommit);

    /// <summary>The shared Plugins:CacheDirectory.</summary>
    internal string Cache => Directory.Combine("cache");

    /// <summary>The supervisor argument that points it at the shared cache.</summary>
    internal string CacheArgument => "--Plugins:CacheDirectory=" + Cache;

    public async Task InitializeAsync()
    {
        Kit = await PluginRepository.CreateAsync(Directory, "PipelineKit");
        KitCommit = await Kit.HeadAsync();
        Hostile = await PluginRepository.CreateAsync(Directory, "Hostile");
        HostileCommit = await Hostile.HeadAsync();
    }

    private static string BuildKey(PluginRepository repository, string commit) =>
        $"git-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(repository.Url)))[..16]}-{commit}";

    public Task DisposeAsync()
    {
        Directory.Dispose();
        return Task.CompletedTask;
    }
}
