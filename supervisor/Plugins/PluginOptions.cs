using System.ComponentModel.DataAnnotations;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>Fetching, building and caching plugins (configuration section <c>Plugins</c>).</summary>
internal sealed class PluginOptions
{
    public const string Section = "Plugins";

    /// <summary>
    /// Root of the plugin cache shared by all sessions (git clones, builds, the contracts feed's
    /// restore folder). Default "": <c>$XDG_CACHE_HOME/cuvis-sandbox</c>, else <c>~/.cache/cuvis-sandbox</c>.
    /// </summary>
    public string CacheDirectory { get; set; } = "";

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

    /// <summary>The ssh program git uses for ssh URLs (always run with BatchMode=yes). Default <c>ssh</c>.</summary>
    [Required]
    public string SshCommand { get; set; } = "ssh";

    /// <summary>
    /// Folder holding <c>Cuvis.Sandbox.Contracts.*.nupkg</c>, the package plugin builds restore.
    /// Default "": beside the supervisor (<c>feed/</c>) or the solution's <c>artifacts/package/&lt;configuration&gt;</c>.
    /// </summary>
    public string ContractsFeed { get; set; } = "";
}
