namespace Cuvis.Sandbox.Worker.Plugins;

/// <summary>A plugin the supervisor has built and asks this worker to load.</summary>
/// <param name="Name">The plugin's name in the manifest; unique within the session.</param>
/// <param name="Directory">Absolute path of the plugin's build output.</param>
/// <param name="MainAssembly">File name of the plugin's main assembly inside <paramref name="Directory"/>.</param>
/// <param name="Provides">Full names of the node classes the plugin provides; every one must be a node.</param>
internal sealed record BuiltPlugin(string Name, string Directory, string MainAssembly, IReadOnlyList<string> Provides)
{
    public string MainAssemblyPath => Path.Combine(Directory, MainAssembly);

    /// <summary>Returns what is wrong with the request itself, before any file is loaded, or <see langword="null"/>.</summary>
    public string? FindProblem()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            return "A plugin needs a name.";
        }

        if (!Path.IsPathFullyQualified(Directory))
        {
            return $"Plugin '{Name}': directory '{Directory}' must be an absolute path.";
        }

        if (!System.IO.Directory.Exists(Directory))
        {
            return $"Plugin '{Name}': directory '{Directory}' does not exist.";
        }

        // A bare file name keeps the load inside the directory the supervisor built: no '..', no
        // absolute path, no subfolder.
        if (string.IsNullOrWhiteSpace(MainAssembly)
            || MainAssembly is "." or ".."
            || MainAssembly.IndexOfAny(['/', '\\']) >= 0
            || Path.IsPathRooted(MainAssembly))
        {
            return $"Plugin '{Name}': main assembly '{MainAssembly}' must be a file name inside '{Directory}', not a path.";
        }

        if (!File.Exists(MainAssemblyPath))
        {
            return $"Plugin '{Name}': main assembly '{MainAssembly}' does not exist in '{Directory}'.";
        }

        if (Provides.Count == 0)
        {
            return $"Plugin '{Name}' provides no node classes; list their full type names in the manifest's 'provides'.";
        }

        if (Provides.Any(string.IsNullOrWhiteSpace))
        {
            return $"Plugin '{Name}' lists an empty type name in 'provides'; each entry is the full name of a node class.";
        }

        return null;
    }
}
