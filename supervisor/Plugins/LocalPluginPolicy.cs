using Cuvis.Sandbox.Supervisor.Hosting;
using Cuvis.Sandbox.Supervisor.Plugins.Git;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// Decides what on this machine's file system may be loaded as a plugin: local plugin
/// directories, and git repositories given as <c>file://</c> URLs or absolute paths, which are
/// local plugins too. Allowed is anything under <see cref="PluginOptions.LocalRoots"/>; with no
/// roots configured, any absolute path while the server is reachable from this machine only, and
/// nothing otherwise. Every symbolic link on the way is resolved first (<see cref="PhysicalPath"/>),
/// so a link cannot lead out of an allowed root, and callers use the resolved path.
/// </summary>
internal sealed class LocalPluginPolicy(IOptions<PluginOptions> plugins, IOptions<ServerOptions> server)
{
    /// <summary>Returns the resolved directory, or throws <see cref="PluginLoadException"/> saying why not.</summary>
    public string Resolve(string path)
    {
        var resolved = Check(path, $"Local plugin path '{path}'", repository: false);
        return Directory.Exists(resolved)
            ? resolved
            : throw new PluginLoadException($"Local plugin directory not found: {path}");
    }

    /// <summary>
    /// Returns the URL to fetch <paramref name="repositoryUrl"/> from: a repository on this machine
    /// with its links resolved, once the policy allows it; any other accepted URL as given.
    /// </summary>
    /// <exception cref="GitFetchException">The URL is of a refused form.</exception>
    /// <exception cref="PluginLoadException">The policy refuses the repository's path.</exception>
    public string ResolveRepository(string repositoryUrl)
    {
        var transport = GitUrl.Validate(repositoryUrl);
        if (transport is not (GitTransport.File or GitTransport.LocalPath))
        {
            return repositoryUrl;
        }

        var path = transport == GitTransport.LocalPath ? repositoryUrl : FileUrlPath(repositoryUrl);
        var resolved = Check(path, $"Repository '{GitUrl.ForDisplay(repositoryUrl)}'", repository: true);
        // Fetch exactly what was checked, in the form it was given (git reports errors with it).
        return transport == GitTransport.LocalPath ? resolved : new Uri(resolved).AbsoluteUri;
    }

    private string Check(string path, string subject, bool repository)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            // .NET refuses such paths with an ArgumentException, which would fail the whole call.
            throw new PluginLoadException($"{subject.Replace('\0', '?')} holds a NUL character, which no path can; check how it was written.");
        }

        var resolved = PhysicalPath.Resolve(path);
        var roots = plugins.Value.LocalRoots;
        if (roots.Count == 0)
        {
            if (!server.Value.IsLoopbackOnly)
            {
                var beyond = $"are refused: this server listens on {server.Value.BindAddress}, beyond this machine, and no Plugins:LocalRoots are configured.";
                throw new PluginLoadException(repository
                    ? $"Git repositories on this server's file system (file:// URLs and absolute paths) {beyond} Fetch the "
                        + "repository over https:// or ssh, or set Plugins:LocalRoots to the directories local plugins and repositories may come from."
                    : $"Local plugins {beyond} Set Plugins:LocalRoots to the directories local plugins may come from.");
            }
        }
        else if (!roots.Select(PhysicalPath.Resolve).Any(root => IsUnder(resolved, root)))
        {
            var viaLinks = resolved == Path.GetFullPath(path) ? "" : " once its symbolic links are resolved";
            throw new PluginLoadException(
                $"{subject} is outside the allowed roots ({string.Join(", ", roots)}){viaLinks}. "
                + "Move it under one of them or add its directory to Plugins:LocalRoots.");
        }

        return resolved;
    }

    private static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string FileUrlPath(string url)
    {
        // GitUrl accepts file:////host/path too, which .NET reads as a UNC path.
        var uri = new Uri(url);
        return !uri.IsUnc && Path.IsPathFullyQualified(uri.LocalPath)
            ? uri.LocalPath
            : throw new GitFetchException(
                $"Repository URL '{GitUrl.ForDisplay(url)}' is refused: a file:// URL must name an absolute path on this machine (file:///path).");
    }
}
