namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// A plugin repository could not be fetched or its ref not resolved. The message is shown to the
/// client as-is (in <c>failed_plugins[name]</c>), so it names the URL and ref and what to fix.
/// </summary>
internal sealed class GitFetchException(string message, Exception? innerException = null)
    : SandboxException(message, innerException)
{
    /// <summary>The repository could not be reached or does not exist; <paramref name="reason"/> says what git saw.</summary>
    public static GitFetchException RepositoryNotFound(string url, string reason, Exception? innerException = null) =>
        new($"Repository not found: {GitUrl.ForDisplay(url)}: {reason.Trim()}", innerException);

    /// <summary>A LoadPlugin manifest's <c>tag</c> resolved to a branch or a commit; upstream's manifests pin tags only.</summary>
    public static GitFetchException NotATag(string url, string gitRef, GitRefKind kind) =>
        new($"'{gitRef}' is a {kind.ToString().ToLowerInvariant()} in {GitUrl.ForDisplay(url)}, not a tag: a LoadPlugin manifest's 'tag' "
            + "must name a git tag, for reproducible loads. Tag the commit (git tag v1.0.0) and name that tag, or use LoadPlugins, whose 'ref' takes branches and commits.");

    public static GitFetchException RefNotFound(string url, string gitRef) =>
        new($"Ref '{gitRef}' not found in {GitUrl.ForDisplay(url)}: it is not a tag, branch or commit there.");
}
