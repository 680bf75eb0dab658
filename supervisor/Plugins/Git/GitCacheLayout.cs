using System.Security.Cryptography;
using System.Text;

namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// The git cache on disk: <c>repos/&lt;key&gt;/{git/,trees/&lt;commit&gt;/,plugin-names}</c> and
/// <c>tmp/</c>. Everything is built under <c>tmp/</c> and published with one rename, so an entry
/// under <c>repos/</c> is complete or absent; whatever a crash leaves in <c>tmp/</c> is swept.
/// Every directory is private to the supervisor (mode 0700).
/// </summary>
internal sealed class GitCacheLayout
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public GitCacheLayout(string root)
    {
        if (!Path.IsPathFullyQualified(root))
        {
            throw new ArgumentException($"The git cache directory must be an absolute path, not '{root}'.", nameof(root));
        }

        Root = Path.GetFullPath(root);
        ReposDirectory = Path.Combine(Root, "repos");
        TmpDirectory = Path.Combine(Root, "tmp");
    }

    public string Root { get; }

    public string ReposDirectory { get; }

    public string TmpDirectory { get; }

    /// <summary>16 hex of sha256 of the URL's <see cref="GitUrl.Canonical"/> spelling: every spelling of one repository lands in the same entry.</summary>
    public static string CacheKey(string url) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(GitUrl.Canonical(url))))[..16];

    public string EntryDirectory(string key) => Path.Combine(ReposDirectory, key);

    public string GitDirectory(string key) => Path.Combine(EntryDirectory(key), "git");

    public string TreesDirectory(string key) => Path.Combine(EntryDirectory(key), "trees");

    public string TreeDirectory(string key, string commit) => Path.Combine(TreesDirectory(key), commit);

    public string PluginNamesFile(string key) => Path.Combine(EntryDirectory(key), "plugin-names");

    /// <summary>Creates the root, <c>repos/</c> and <c>tmp/</c>, and empties <c>tmp/</c>. Returns how many leftovers it removed.</summary>
    public int Prepare()
    {
        CreatePrivateDirectory(Root);
        CreatePrivateDirectory(ReposDirectory);
        CreatePrivateDirectory(TmpDirectory);
        var leftovers = 0;
        foreach (var path in Directory.EnumerateFileSystemEntries(TmpDirectory))
        {
            DeleteTree(path);
            leftovers++;
        }

        RemoveStaleGitLocks();
        return leftovers;
    }

    /// <summary>A fresh private directory under <c>tmp/</c> to build an entry or a tree in.</summary>
    public string CreateWorkDirectory()
    {
        var path = Path.Combine(TmpDirectory, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        CreatePrivateDirectory(path);
        return path;
    }

    /// <summary>
    /// Takes an entry out of <c>repos/</c> with one rename before deleting it, so a crash
    /// mid-delete leaves a leftover in <c>tmp/</c> rather than a half entry that would be trusted.
    /// </summary>
    public void RemoveEntry(string key) => DeleteTree(TakeOutEntry(key));

    /// <summary>Moves an entry out of <c>repos/</c> into <c>tmp/</c> with one rename; returns where, for the caller to delete.</summary>
    public string TakeOutEntry(string key)
    {
        var doomed = Path.Combine(TmpDirectory, "rm-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        Directory.Move(EntryDirectory(key), doomed);
        return doomed;
    }

    /// <summary>
    /// A fetch killed mid-way can leave git's <c>*.lock</c> files behind, and every later fetch
    /// would fail on them. Only called before this process starts any git operation.
    /// </summary>
    private void RemoveStaleGitLocks()
    {
        foreach (var entry in Directory.EnumerateDirectories(ReposDirectory))
        {
            var git = Path.Combine(entry, "git");
            if (!Directory.Exists(git))
            {
                continue;
            }

            var refs = Path.Combine(git, "refs");
            var locks = Directory.EnumerateFiles(git, "*.lock").Concat(Directory.Exists(refs)
                ? Directory.EnumerateFiles(refs, "*.lock", SearchOption.AllDirectories)
                : []);
            foreach (var stale in locks.ToList())
            {
                File.Delete(stale);
            }
        }
    }

    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, OwnerOnly);
        // Also tighten a directory that existed before with a looser mode.
        File.SetUnixFileMode(path, OwnerOnly);
    }

    public static void DeleteTree(string path)
    {
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
            return;
        }

        if (!Directory.Exists(path))
        {
            return;
        }

        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (UnauthorizedAccessException) when (OperatingSystem.IsWindows())
        {
            // git writes its objects read-only, which Windows refuses to delete.
            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(path, recursive: true);
        }
    }
}
