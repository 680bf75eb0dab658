namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>
/// The plugin repositories and the plugin cache that the test classes of <see cref="Collection"/>
/// share: each plugin is built once, by the first test that loads it, and every later supervisor
/// started with <c>--Plugins:CacheDirectory=</c><see cref="Cache"/> finds it in the cache; local
/// plugins are keyed by their content, so copies of one example share a build too. Tests run one at
/// a time (AssemblyInfo.cs), so one supervisor uses the cache at a time. Tests that change a
/// repository, clear or evict the cache, or count builds make their own.
/// </summary>
public sealed class SharedPlugins : IAsyncLifetime
{
    public const string Collection = "Shared plugins";

    internal TempDirectory Directory { get; } = new("csh");

    internal PluginRepository Kit { get; private set; } = null!;

    internal PluginRepository Hostile { get; private set; } = null!;

    /// <summary>SpectralTools (BandMean, Threshold), tagged v1.0.0.</summary>
    internal PluginRepository Tools { get; private set; } = null!;

    /// <summary>Scaler (ScaleNode), tagged v1.0.0 and, one commit later, v2.0.0.</summary>
    internal PluginRepository Scaler { get; private set; } = null!;

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
        Tools = await PluginRepository.CreateAsync(Directory, "SpectralTools");
        Scaler = await PluginRepository.CreateAsync(Directory, "Scaler");
        await File.AppendAllTextAsync(System.IO.Path.Combine(Scaler.Path, "README.md"), "second version\n");
        await Scaler.CommitAsync("v2");
        await Scaler.GitAsync("tag", "v2.0.0");
    }

    /// <summary>
    /// A copy of examples/plugins/<paramref name="example"/> under <paramref name="parent"/>, made as
    /// a user copying it out of the repository would (nothing in it can lean on the repository's
    /// build files); its content, not its path, names its build, so every copy shares one.
    /// </summary>
    internal static string CopyExample(TempDirectory parent, string example)
    {
        var copy = parent.Combine(System.IO.Path.GetFileName(example).ToLowerInvariant());
        PluginRepository.CopyDirectory(System.IO.Path.Combine(Artifacts.RepositoryRoot, "examples", "plugins", example), copy);
        return copy;
    }

    private static string BuildKey(PluginRepository repository, string commit) =>
        $"git-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(repository.Url)))[..16]}-{commit}";

    public Task DisposeAsync()
    {
        Directory.Dispose();
        return Task.CompletedTask;
    }
}
