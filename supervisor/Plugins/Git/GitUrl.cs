using System.Text.RegularExpressions;

namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// Decides which repository URLs the supervisor fetches from. The URL comes from an untrusted
/// client and ends up on a git command line, so anything that git or ssh could read as an
/// option or as a command to run is refused before any process or library sees it.
/// </summary>
internal static partial class GitUrl
{
    private const string AcceptedForms =
        "Accepted: https://host/path, http://host/path, ssh://[user@]host[:port]/path, user@host:path, "
        + "file:///absolute/path, or an absolute path to a repository.";

    /// <summary>Returns how <paramref name="url"/> is reached, or throws a <see cref="GitFetchException"/> saying why it is refused.</summary>
    public static GitTransport Validate(string url)
    {
        var transport = Classify(url, out var problem);
        return transport ?? throw new GitFetchException(
            $"Repository URL '{ForDisplay(url)}' is refused: {problem}. {AcceptedForms}");
    }

    /// <summary>
    /// One spelling of the repository <paramref name="url"/> names, so that spellings of one
    /// repository share one cache entry: a path or <c>file://</c> URL becomes a <c>file:///</c> URL
    /// with its path normalised (scheme case, percent-encoding, <c>.</c> and <c>..</c>, repeated and
    /// trailing slashes) and a trailing <c>/.git</c> dropped (libgit2 opens a work tree's
    /// <c>.git</c> from the tree); an http(s) URL gets its scheme and host in lower case, its
    /// default port dropped and its dot segments resolved. Everything else (the path's case, a
    /// trailing <c>.git</c> of a name, ssh URLs) stays as written: servers may tell those apart.
    /// Links are not resolved here: <see cref="LocalPluginPolicy.ResolveRepository"/> does that first.
    /// </summary>
    public static string Canonical(string url)
    {
        switch (Classify(url, out _))
        {
            case GitTransport.LocalPath or GitTransport.File when Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsFile && !uri.IsUnc:
                var path = string.Join('/', uri.LocalPath.Split('/', StringSplitOptions.RemoveEmptyEntries));
                path = path.EndsWith("/.git", StringComparison.Ordinal) ? path[..^"/.git".Length] : path;
                return new Uri("/" + path).AbsoluteUri;
            case GitTransport.Http when Uri.TryCreate(url, UriKind.Absolute, out var uri):
                return uri.AbsoluteUri;
            default:
                return url;
        }
    }

    /// <summary>The URL with any password replaced, and without characters that would garble a log line.</summary>
    public static string ForDisplay(string url)
    {
        var printable = new string([.. url.Take(300).Select(c => char.IsControl(c) ? '?' : c)]);
        return Password().Replace(printable, "${prefix}:***@");
    }

    private static GitTransport? Classify(string url, out string problem)
    {
        problem = "";
        if (string.IsNullOrEmpty(url))
        {
            problem = "it is empty";
            return null;
        }

        if (TransportPrefix().IsMatch(url))
        {
            problem = "'<transport>::' URLs such as ext:: and fd:: make git run commands";
            return null;
        }

        if (url[0] == '-')
        {
            problem = "it starts with '-', which git would read as an option";
            return null;
        }

        if (url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problem = "it contains whitespace or control characters";
            return null;
        }

        if (OptionLikePart().IsMatch(url))
        {
            // git and ssh read such parts as options (--upload-pack=..., -oProxyCommand=...).
            problem = "a part of it starts with '-', which git or ssh would read as an option";
            return null;
        }

        var scheme = Scheme().Match(url);
        if (scheme.Success)
        {
            return ClassifyScheme(url, scheme.Groups["scheme"].Value.ToLowerInvariant(), out problem);
        }

        if (ScpLike().IsMatch(url))
        {
            return GitTransport.Ssh;
        }

        if (Path.IsPathFullyQualified(url))
        {
            return GitTransport.LocalPath;
        }

        problem = "it is neither a URL of an accepted form nor an absolute path (relative paths are not accepted)";
        return null;
    }

    private static GitTransport? ClassifyScheme(string url, string scheme, out string problem)
    {
        problem = "";
        switch (scheme)
        {
            case "https" or "http" or "ssh":
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.AbsolutePath.Length <= 1)
                {
                    problem = $"it is not a well-formed {scheme}:// URL with a host and a path";
                    return null;
                }

                return scheme == "ssh" ? GitTransport.Ssh : GitTransport.Http;
            case "file":
                if (!url.StartsWith("file:///", StringComparison.OrdinalIgnoreCase) || url.Length <= "file:///".Length)
                {
                    problem = "a file:// URL must name an absolute path on this machine (file:///path)";
                    return null;
                }

                return GitTransport.File;
            default:
                problem = $"the {scheme}:// transport is not accepted";
                return null;
        }
    }

    [GeneratedRegex(@"[/:@]-")]
    private static partial Regex OptionLikePart();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*::")]
    private static partial Regex TransportPrefix();

    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex Scheme();

    // git's scp-like syntax: user@host:path, with no '/' before the colon. A user is required so
    // that a relative path with a colon is never taken for a host.
    [GeneratedRegex(@"^[A-Za-z0-9._~+-]+@([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):.+$")]
    private static partial Regex ScpLike();

    [GeneratedRegex(@"(?<prefix>^[A-Za-z][A-Za-z0-9+.-]*://[^/@:]*):[^/@]*@")]
    private static partial Regex Password();
}
