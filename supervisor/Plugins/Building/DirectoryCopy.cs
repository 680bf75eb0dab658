namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>Copies chosen files of one directory tree into another, creating folders as needed.</summary>
internal static class DirectoryCopy
{
    /// <param name="from">The source root.</param>
    /// <param name="to">The target root (created).</param>
    /// <param name="relativeFiles">Paths relative to <paramref name="from"/>.</param>
    public static void Copy(string from, string to, IEnumerable<string> relativeFiles)
    {
        Directory.CreateDirectory(to);
        foreach (var file in relativeFiles)
        {
            var target = Path.Combine(to, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(from, file), target, overwrite: true);
        }
    }

    /// <summary>Every file under <paramref name="directory"/>, relative to it.</summary>
    public static IEnumerable<string> AllFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(directory, file));
}
