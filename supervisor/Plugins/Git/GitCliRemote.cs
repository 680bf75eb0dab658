using System.ComponentModel;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// Clone and fetch over ssh with the git command line. LibGit2Sharp reports only a generic
/// failure for ssh, while the user needs ssh's own words ("Permission denied (publickey).",
/// "Host key verification failed."); git passes them through on stderr.
/// </summary>
internal sealed class GitCliRemote(string sshCommand, IGitCommandRunner runner) : IGitRemote
{
    // ssh and git explain a failure in their last few lines.
    private const int OutputTailLines = 10;

    public Task CloneAsync(string url, string gitDirectory, CancellationToken cancellationToken) =>
        RunGitAsync(url, gitDirectory, ["clone", "--bare", "--quiet", "--", url, gitDirectory], cancellationToken);

    public Task FetchAsync(string url, string gitDirectory, CancellationToken cancellationToken) =>
        RunGitAsync(url, gitDirectory, ["--git-dir=" + gitDirectory, "fetch", "--quiet", "--prune", "--", url, .. IGitRemote.RefSpecs], cancellationToken);

    private async Task RunGitAsync(string url, string gitDirectory, string[] arguments, CancellationToken cancellationToken)
    {
        var output = new OutputTail(OutputTailLines);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // BatchMode: fail instead of asking for a passphrase, password or host key.
            ["GIT_SSH_COMMAND"] = sshCommand + " -o BatchMode=yes",
            ["GIT_TERMINAL_PROMPT"] = "0",
        };

        int exitCode;
        try
        {
            // Only ssh, whatever the URL turns into through the user's git config. Cancellation
            // kills git and the ssh it started.
            exitCode = await runner.RunAsync(
                ["-c", "protocol.allow=never", "-c", "protocol.ssh.allow=always", .. arguments],
                environment, gitDirectory, output.Add, cancellationToken);
        }
        catch (Win32Exception e)
        {
            throw new GitFetchException(
                $"Cannot fetch {GitUrl.ForDisplay(url)}: ssh repositories need the git command line, which could not be started ({e.Message}).", e);
        }

        if (exitCode != 0)
        {
            var lines = output.Snapshot();
            var tail = lines.Count == 0 ? "(no output)" : string.Join('\n', lines);
            throw GitFetchException.RepositoryNotFound(url, $"git exited with code {exitCode}:\n{tail}");
        }
    }
}
