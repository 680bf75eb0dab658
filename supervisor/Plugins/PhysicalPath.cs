namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// An absolute path with every symbolic link in it resolved, as the kernel would walk it: links
/// in the middle of the path and links inside link targets too, and ".." taken from the
/// directory a link led to, not from the text. What does not exist (yet) is kept as written.
/// </summary>
internal static class PhysicalPath
{
    /// <summary>As the kernel's ELOOP limit: beyond this, links are taken to be a loop.</summary>
    private const int MaxLinks = 40;

    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    /// <exception cref="IOException">The links form a loop, or a link cannot be read.</exception>
    public static string Resolve(string path)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            path = Path.GetFullPath(path);
        }

        var root = Path.GetPathRoot(path)!;
        var pending = new Stack<string>(Parts(path[root.Length..]).Reverse());
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == "..")
            {
                // current holds no links, so its parent is the real one.
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"Too many levels of symbolic links in '{path}'.");
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            foreach (var linkPart in Parts(target).Reverse())
            {
                pending.Push(linkPart);
            }
        }

        return current;
    }

    private static IEnumerable<string> Parts(string path) =>
        path.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Where(part => part != ".");
}
