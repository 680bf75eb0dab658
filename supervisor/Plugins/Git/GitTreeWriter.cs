using System.Text;
using LibGit2Sharp;

namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// Writes the tree of one commit to an empty directory: files with their executable bit,
/// symbolic links that stay inside the tree, no <c>.git</c>, no submodules. The repository is
/// untrusted, so every entry name is checked before it becomes a path, as <c>git checkout</c>
/// does, and every entry is counted against the plugin's <see cref="SourceBudget"/> before it
/// is written, so an oversize commit is never written out whole.
/// </summary>
internal sealed class GitTreeWriter(string url, string commit, SourceBudget budget, CancellationToken cancellationToken)
{
    private const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Executable = Regular | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>PATH_MAX: no link target is longer.</summary>
    private const int MaxLinkTargetBytes = 4096;

    public void Write(string gitDirectory, string targetDirectory)
    {
        using var repository = new Repository(gitDirectory);
        var tree = repository.Lookup<Commit>(new ObjectId(commit))?.Tree
            ?? throw new GitFetchException($"Commit {commit} of {GitUrl.ForDisplay(url)} is missing from the git cache.");
        try
        {
            WriteTree(repository.ObjectDatabase, tree, targetDirectory, depth: 0);
        }
        catch (IOException e)
        {
            throw new GitFetchException($"Could not check out commit {commit} of {GitUrl.ForDisplay(url)}: {e.Message}", e);
        }
    }

    private void WriteTree(ObjectDatabase objects, Tree tree, string directory, int depth)
    {
        var names = new HashSet<string>(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        foreach (var entry in tree)
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
            var path = Path.Combine(directory, entry.Name);
            switch (entry.Mode)
            {
                case Mode.Directory:
                    GitCacheLayout.CreatePrivateDirectory(path);
                    WriteTree(objects, (Tree)entry.Target, path, depth + 1);
                    break;
                case Mode.ExecutableFile:
                    WriteFile(objects, (Blob)entry.Target, path, Executable);
                    break;
                case Mode.NonExecutableFile or Mode.NonExecutableGroupWritableFile:
                    WriteFile(objects, (Blob)entry.Target, path, Regular);
                    break;
                case Mode.SymbolicLink:
                    File.CreateSymbolicLink(path, LinkTarget(objects, entry, depth));
                    break;
                case Mode.GitLink:
                    // Submodules are not fetched; like a plain clone, leave their directory empty.
                    GitCacheLayout.CreatePrivateDirectory(path);
                    break;
                default:
                    throw Unsafe(entry.Path, $"has an unknown mode {entry.Mode}");
            }
        }
    }

    private void WriteFile(ObjectDatabase objects, Blob blob, string path, UnixFileMode mode)
    {
        // Sized from the object's header: a blob's content is inflated into memory whole when opened.
        budget.AddBytes(objects.RetrieveObjectMetadata(blob.Id).Size);

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
