using System.ComponentModel.DataAnnotations;

namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>Where fetched plugin repositories are kept and how remotes are reached.</summary>
internal sealed class GitCacheOptions
{
    /// <summary>
    /// Absolute root of the git cache (<c>repos/</c> and <c>tmp/</c> live under it). Default "":
    /// must be set. One supervisor per directory: leftovers in <c>tmp/</c> are removed on first use.
    /// </summary>
    [Required]
    public string Directory { get; set; } = "";

    /// <summary>
    /// The ssh command used for <c>git@host:path</c> and <c>ssh://</c> URLs, as a shell command
    /// line (it becomes <c>GIT_SSH_COMMAND</c>, so <c>ssh -i /keys/deploy</c> works);
    /// <c>-o BatchMode=yes</c> is always appended so ssh never prompts. Default "ssh".
    /// </summary>
    [Required]
    public string SshCommand { get; set; } = "ssh";

    /// <summary>Longest time one clone or fetch may take before it is abandoned. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How the git command line runs (ssh URLs): plainly by default; the server sandboxes it under the strict profile.</summary>
    public IGitCommandRunner CommandRunner { get; set; } = new PlainGitCommandRunner();
}
