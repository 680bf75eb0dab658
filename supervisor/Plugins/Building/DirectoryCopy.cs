namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// Copies chosen files of one directory tree into another, creating folders as needed. Only
/// regular files are copied: never a device, FIFO or socket, and never through a symbolic link,
/// which could lead anywhere on the server (a build may leave one in its output).
/// </summary>
internal static class DirectoryCopy
{
    /// <param name="from">The source root.</param>
    /// <param name="to">The target root (created).</param>
    /// <param name="relativeFiles">Paths relative to <paramref name="from"/>, of regular files.</param>
    /// <exception cref="IOException">A file to copy is not (or no longer) a regular file.</exception>
    public static void Copy(string from, string to, IEnumerable<string> relativeFiles)
    {
        Directory.CreateDirectory(to);
        foreach (var file in relativeFiles)
        {
            var source = Path.Combine(from, file);
            // The list may be a moment old: look again right before opening.
            var kind = FileProbe.KindOf(source, out _);
            if (kind != FileKind.Regular)
            {
                throw new IOException($"'{source}' is not a regular file ({kind}) and was not copied.");
            }

            var target = Path.Combine(to, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
        }
    }

    /// <summary>Every regular file under <paramref name="directory"/>, relative to it; links and special files are left out.</summary>
    public static IEnumerable<string> AllFiles(string directory) =>
        FileTree.Walk(directory, []).Where(e => e.Kind == FileKind.Regular).Select(e => e.RelativePath);
}
