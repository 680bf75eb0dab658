namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// Runs the git command line for a clone or fetch: plainly, or in a sandbox that may write
/// only the repository being fetched into. git and the ssh it starts talk to a remote the
/// plugin's author chose, so they are treated like plugin code.
/// </summary>
internal interface IGitCommandRunner
{
    /// <param name="arguments">Arguments to <c>git</c>.</param>
    /// <param name="environment">Variables git needs (GIT_SSH_COMMAND and the like); nothing else of ours is passed.</param>
    /// <param name="repository">The host directory git writes (the bare repository); nothing else is writable.</param>
    /// <param name="onOutput">Receives stdout and stderr lines.</param>
    /// <param name="cancellationToken">Kills git and everything it started.</param>
    /// <returns>git's exit code.</returns>
    Task<int> RunAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string repository,
        Action<string> onOutput, CancellationToken cancellationToken);
}
