namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// The <c>plugin-names</c> file of a cache entry: the plugin names a repository was fetched
/// under, one a line, so that clearing one plugin's cache finds its repositories.
/// </summary>
internal static class PluginNamesFile
{
    public static IReadOnlyList<string> Read(string path) =>
        File.Exists(path) ? [.. File.ReadAllLines(path).Where(line => line.Length > 0)] : [];

    /// <summary>Adds <paramref name="pluginName"/> if missing; rewrites the file with one rename so it is never half written.</summary>
    public static void Add(string path, string pluginName)
    {
        var names = Read(path);
        if (names.Contains(pluginName, StringComparer.Ordinal))
        {
            return;
        }

        var staging = path + ".new";
        File.WriteAllLines(staging, [.. names, pluginName]);
        File.Move(staging, path, overwrite: true);
    }

    public static void Validate(string pluginName)
    {
        ArgumentException.ThrowIfNullOrEmpty(pluginName);
        if (pluginName.Any(char.IsControl))
        {
            throw new ArgumentException("A plugin name cannot contain control characters.", nameof(pluginName));
        }
    }
}
