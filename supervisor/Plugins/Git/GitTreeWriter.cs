using System.Text;
using LibGit2Sharp;

namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// Writes the tree of one commit to an empty directory: files with their executable bit,
/// symbolic links that stay inside the tree, no <c>.git</c>, no submodules. The repository is
/// untrusted, so the whole tree is first walked without writing anything: every entry name is
/// checked as <c>git checkout</c> does, folders may nest at most <see cref="MaxDepth"/> deep, and
/// every entry and file size (read from the object headers) is counted against the plugin's
/// <see cref="SourceBudget"/>. A git bomb (trees naming one subtree many times over, a few
/// kilobytes that check out to millions of files or terabytes) is refused at the first entry past
/// a limit, before a byte is written: the walk stops there, so its cost is bounded by the limits,
/// not by the size the tree expands to.
/// </summary>
internal sealed class GitTreeWriter(string url, string commit, SourceBudget budget, CancellationToken cancellationToken)
{
    private const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Executable = Regular | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>PATH_MAX: no link target is longer.</summary>
    private const int MaxLinkTargetBytes = 4096;

    /// <summary>Deepest folder nesting checked out; far beyond any plugin, and it keeps paths well inside PATH_MAX.</summary>
    public const int MaxDepth = 128;

    public void Write(string gitDirectory, string targetDirectory)
    {
        using var repository = new Repository(gitDirectory);
        var tree = repository.Lookup<Commit>(new ObjectId(commit))?.Tree
            ?? throw new GitFetchException($"Commit {commit} of {GitUrl.ForDisplay(url)} is missing from the git cache.");
        Measure(repository.ObjectDatabase, tree);
        try
        {
            WriteTree(repository.ObjectDatabase, tree, targetDirectory, depth: 0);
        }
        catch (IOException e)
        {
            throw new GitFetchException($"Could not check out commit {commit} of {GitUrl.ForDisplay(url)}: {e.Message}", e);
        }
    }

    /// <summary>Checks and counts every entry, depth first with a stack of its own, writing nothing.</summary>
    private void Measure(ObjectDatabase objects, Tree root)
    {
        var pending = new Stack<(Tree Tree, int Depth)>([(root, 0)]);
        while (pending.TryPop(out var folder))
        {
            var names = new HashSet<string>(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
            foreach (var entry in folder.Tree)
            {
                cancellationToken.ThrowIfCancellationRequested();
                CheckName(entry);
                if (!names.Add(entry.Name))
                {
                    // git fsck refuses such trees; written out, the second entry would land inside the
                    // first (a link to "." for instance), where the link checks below reckon wrongly.
                    throw Unsafe(entry.Path, "appears twice in its folder");
                }

                budget.AddEntry();
                switch (entry.Mode)
                {
                    case Mode.Directory when folder.Depth >= MaxDepth:
                        throw Unsafe(entry.Path, $"nests folders more than {MaxDepth} levels deep");
                    case Mode.Directory:
                        pending.Push(((Tree)entry.Target, folder.Depth + 1));
                        break;
                    case Mode.ExecutableFile or Mode.NonExecutableFile or Mode.NonExecutableGroupWritableFile:
                        // Sized from the object's header: a blob's content is inflated into memory whole when opened.
                        budget.AddBytes(objects.RetrieveObjectMetadata(entry.Target.Id).Size);
                        break;
                    case Mode.SymbolicLink or Mode.GitLink:
                        break;
                    default:
                        throw Unsafe(entry.Path, $"has an unknown mode {entry.Mode}");
                }
            }
        }
    }

    /// <summary>Writes a tree <see cref="Measure"/> has passed.</summary>
    private void WriteTree(ObjectDatabase objects, Tree tree, string directory, int depth)
    {
        foreach (var entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, entry.Name);
            switch (entry.Mode)
            {
                case Mode.Directory:
                    GitCacheLayout.CreatePrivateDirectory(path);
                    WriteTree(objects, (Tree)entry.Target, path, depth + 1);
                    break;
                case Mode.ExecutableFile:
                    WriteFile((Blob)entry.Target, path, Executable);
                    break;
                case Mode.NonExecutableFile or Mode.NonExecutableGroupWritableFile:
                    WriteFile((Blob)entry.Target, path, Regular);
                    break;
                case Mode.SymbolicLink:
                    File.CreateSymbolicLink(path, LinkTarget(objects, entry, depth));
                    break;
                case Mode.GitLink:
                    // Submodules are not fetched; like a plain clone, leave their directory empty.
                    GitCacheLayout.CreatePrivateDirectory(path);
                    break;
            }
        }
    }

    private static void WriteFile(Blob blob, string path, UnixFileMode mode)
    {
        // The raw blob: no line-ending or other filters, the tree is exactly what was committed.
        using (var source = blob.GetContentStream())
        using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            source.CopyTo(target);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private void CheckName(TreeEntry entry)
    {
        var name = entry.Name;
        if (name.Length == 0 || name is "." or ".." || name.Contains('/') || name.Contains('\0')
            || (OperatingSystem.IsWindows() && name.IndexOfAny(['\\', ':']) >= 0))
        {
            throw Unsafe(entry.Path, "has a name that is not a plain file name");
        }

        if (name.Equals(".git", StringComparison.OrdinalIgnoreCase))
        {
            throw Unsafe(entry.Path, "is named .git, which git itself refuses to check out");
        }
    }

    /// <summary>
    /// A link target may climb with leading "..", no higher than the tree's root, and then only
    /// descend. Since every link is held to that, no chain of links leads out of the tree.
    /// </summary>
    private string LinkTarget(ObjectDatabase objects, TreeEntry entry, int depth)
    {
        if (objects.RetrieveObjectMetadata(entry.Target.Id).Size > MaxLinkTargetBytes)
        {
            throw Unsafe(entry.Path, $"is a symbolic link with a target longer than {MaxLinkTargetBytes} bytes");
        }

        string target;
        using (var content = ((Blob)entry.Target).GetContentStream())
        using (var reader = new StreamReader(content, Encoding.UTF8))
        {
            target = reader.ReadToEnd();
        }

        if (target.Length == 0 || target.Contains('\0') || Path.IsPathRooted(target))
        {
            throw Unsafe(entry.Path, $"is a symbolic link to '{target}', outside the repository");
        }

        var parts = target.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != ".").ToList();
        var climbs = parts.TakeWhile(part => part == "..").Count();
        if (climbs > depth || parts.Skip(climbs).Contains(".."))
        {
            throw Unsafe(entry.Path, $"is a symbolic link to '{target}', outside the repository or through '..' after a name");
        }

        return target;
    }

    private GitFetchException Unsafe(string path, string problem) => new(
        $"Commit {commit} of {GitUrl.ForDisplay(url)} cannot be checked out safely: '{path}' {problem}.");
}
