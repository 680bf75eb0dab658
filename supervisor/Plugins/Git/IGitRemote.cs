namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// Brings a remote's branches and tags into a local bare repository (refspecs
/// <see cref="RefSpecs"/>). Failures surface as <see cref="GitFetchException"/>; cancellation
/// (the caller's or the network timeout) as <see cref="OperationCanceledException"/>.
/// </summary>
internal interface IGitRemote
{
    /// <summary>Branches and tags map one to one, as in <c>git clone --bare</c>.</summary>
    static readonly string[] RefSpecs = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"];

    /// <summary>Creates a bare clone of <paramref name="url"/> in the empty directory <paramref name="gitDirectory"/>.</summary>
    Task CloneAsync(string url, string gitDirectory, CancellationToken cancellationToken);

    /// <summary>Updates the bare repository's branches and tags from <paramref name="url"/>.</summary>
    Task FetchAsync(string url, string gitDirectory, CancellationToken cancellationToken);
}
