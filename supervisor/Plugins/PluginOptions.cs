using System.ComponentModel.DataAnnotations;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>Fetching, building and caching plugins (configuration section <c>Plugins</c>).</summary>
internal sealed class PluginOptions
{
    public const string Section = "Plugins";

    /// <summary>Default of <see cref="MaxManifestEntries"/>.</summary>
    public const int DefaultMaxManifestEntries = 64;

    /// <summary>Default of <see cref="CacheSizeLimitBytes"/>: 10 GiB.</summary>
    public const long DefaultCacheSizeLimitBytes = 10L * 1024 * 1024 * 1024;

    /// <summary>
    /// Root of the plugin cache shared by all sessions (git clones, builds, the contracts feed's
    /// restore folder). Default "": <c>$XDG_CACHE_HOME/cuvis-sandbox</c>, else <c>~/.cache/cuvis-sandbox</c>.
    /// </summary>
    public string CacheDirectory { get; set; } = "";

    /// <summary>
    /// Most bytes the plugin cache's builds and git repositories (clones with their trees) may
    /// hold; past it the least recently used entries no session or build is using are evicted.
    /// 0 = no limit. Default 10 GiB.
    /// </summary>
    [Range(typeof(long), "0", "9223372036854775807",
        ErrorMessage = "Plugins:CacheSizeLimitBytes must be 0 (no limit) or a positive number of bytes.")]
    public long CacheSizeLimitBytes { get; set; } = DefaultCacheSizeLimitBytes;

    /// <summary>
    /// Most plugin builds (restore and compile) running at once, over all sessions; later builds
    /// wait for a slot. A fixed default rather than the core count: each build may use all cores
    /// and up to <c>Containment:BuildMemoryLimitBytes</c> of memory. Default 2.
    /// </summary>
    [Range(1, 1024, ErrorMessage = "Plugins:MaxConcurrentBuilds must be between {1} and {2}.")]
    public int MaxConcurrentBuilds { get; set; } = 2;

    /// <summary>Most plugins one session may hold loaded, over all its LoadPlugins calls. Default 32.</summary>
    [Range(1, 100_000, ErrorMessage = "Plugins:MaxPluginsPerSession must be between {1} and {2}.")]
    public int MaxPluginsPerSession { get; set; } = 32;

    /// <summary>
    /// Directories local plugins may be loaded from (absolute). Default none: then any absolute
    /// path is allowed while the server listens on loopback only, and local plugins are refused otherwise.
    /// </summary>
    public List<string> LocalRoots { get; set; } = [];

    /// <summary>Longest a plugin's <c>dotnet build</c> may run. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "02:00:00")]
    public TimeSpan BuildTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest a clone or fetch may run. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "02:00:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A directory whose files (deploy keys, <c>known_hosts</c>, <c>config</c>) are copied into
    /// the sandboxed git's <c>~/.ssh</c> for each ssh fetch; refer to keys as <c>~/.ssh/NAME</c> in
    /// <see cref="SshCommand"/>. Default "": none, so ssh sees no key and no known host.
    /// </summary>
    public string SshDirectory { get; set; } = "";

    /// <summary>The ssh program git uses for ssh URLs (always run with BatchMode=yes). Default <c>ssh</c>.</summary>
    [Required]
    public string SshCommand { get; set; } = "ssh";

    /// <summary>
    /// Folder holding <c>Cuvis.Sandbox.Contracts.*.nupkg</c>, the package plugin builds restore.
    /// Default "": beside the supervisor (<c>feed/</c>) or the solution's <c>artifacts/package/&lt;configuration&gt;</c>.
    /// </summary>
    public string ContractsFeed { get; set; } = "";

    /// <summary>
    /// Most files, folders and links one plugin's sources may hold: a local plugin's directory
    /// (bin, obj and .git not counted) or the checked-out tree of a git commit. A larger plugin
    /// fails to load, alone. Default 10 000.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxSourceFiles { get; set; } = 10_000;

    /// <summary>Most bytes the files of one plugin's sources may hold, counted as for <see cref="MaxSourceFiles"/>. Default 256 MiB.</summary>
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MaxSourceBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most plugins one LoadPlugins manifest may list; a longer manifest is refused as a whole. Default 64.</summary>
    [Range(1, 100_000)]
    public int MaxManifestEntries { get; set; } = DefaultMaxManifestEntries;

    /// <summary>
    /// The package sources plugin restores may use, beside the contracts feed; the generated
    /// NuGet.config clears every inherited source. Default none: nuget.org (<see cref="DefaultPackageSource"/>).
    /// </summary>
    public List<string> PackageSources { get; set; } = [];

    /// <summary>The package source restores use when <see cref="PackageSources"/> lists none.</summary>
    public const string DefaultPackageSource = "https://api.nuget.org/v3/index.json";
}
