using Cuvis.Sandbox.Supervisor.Hosting;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// Decides which local directories may be loaded as plugins: anything under
/// <see cref="PluginOptions.LocalRoots"/>; with no roots configured, any absolute path while the
/// server is reachable from this machine only, and nothing otherwise. Symbolic links are
/// resolved first, so a link cannot lead out of an allowed root.
/// </summary>
internal sealed class LocalPluginPolicy(IOptions<PluginOptions> plugins, IOptions<ServerOptions> server)
{
    /// <summary>Returns the resolved directory, or throws <see cref="PluginLoadException"/> saying why not.</summary>
    public string Resolve(string path)
    {
        var resolved = ResolveLinks(Path.GetFullPath(path));
        var roots = plugins.Value.LocalRoots;
        if (roots.Count == 0)
        {
            if (!server.Value.IsLoopbackOnly)
            {
                throw new PluginLoadException(
                    $"Local plugins are refused: this server listens on {server.Value.BindAddress}, beyond this machine, "
                    + "and no Plugins:LocalRoots are configured. Set Plugins:LocalRoots to the directories local plugins may come from.");
            }
        }
        else if (!roots.Select(ResolveLinks).Any(root => resolved == root || resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            throw new PluginLoadException(
                $"Local plugin path '{path}' is outside the allowed roots ({string.Join(", ", roots)}). "
                + "Move the plugin under one of them or add its directory to Plugins:LocalRoots.");
        }

        return Directory.Exists(resolved)
            ? resolved
            : throw new PluginLoadException($"Local plugin directory not found: {path}");
    }

    private static string ResolveLinks(string path)
    {
        var current = Path.GetPathRoot(path)!;
        foreach (var part in path[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var info = new DirectoryInfo(next);
            current = info.Exists && info.LinkTarget is not null
                ? Path.GetFullPath(info.ResolveLinkTarget(returnFinalTarget: true)!.FullName)
                : next;
        }

        return current;
    }
}
