namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// Walks a directory tree without following a symbolic link at any depth: links are reported,
/// never entered or read through. Every entry's kind comes from <see cref="FileProbe"/>, so a
/// caller can leave devices, FIFOs and sockets unopened.
/// </summary>
internal static class FileTree
{
    /// <summary>
    /// Every entry under <paramref name="directory"/> (not the directory itself). Folders named in
    /// <paramref name="skippedFolders"/> are reported but not entered.
    /// </summary>
    public static IEnumerable<FileTreeEntry> Walk(string directory, IReadOnlyCollection<string> skippedFolders)
    {
        var pending = new Stack<string>([directory]);
        while (pending.TryPop(out var current))
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(current))
            {
                var kind = FileProbe.KindOf(path, out var size);
                if (kind == FileKind.Missing)
                {
                    continue; // removed since it was listed
                }

                if (kind == FileKind.Directory && !skippedFolders.Contains(Path.GetFileName(path), StringComparer.Ordinal))
                {
                    pending.Push(path);
                }

                yield return new FileTreeEntry(Path.GetRelativePath(directory, path), kind, kind == FileKind.Regular ? size : 0);
            }
        }
    }
}
