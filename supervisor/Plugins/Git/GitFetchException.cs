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

    public static GitFetchException RefNotFound(string url, string gitRef) =>
        new($"Ref '{gitRef}' not found in {GitUrl.ForDisplay(url)}: it is not a tag, branch or commit there.");
}
