using System.Security.Cryptography;
using System.Text;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// A content hash of a local plugin's sources (paths and bytes, build output excluded), so an
/// unchanged plugin is never rebuilt and any edit is. Only regular files are sources: links are
/// never followed, and a device, FIFO or socket refuses the plugin before anything is read.
/// </summary>
internal static class SourceHash
{
    private static readonly string[] Skipped = ["bin", "obj", ".git", ".vs", ".idea"];

    /// <summary>Checks the sources against <paramref name="budget"/> before reading any, then hashes them.</summary>
    /// <exception cref="PluginLoadException">The sources hold a special file or are past a limit.</exception>
    public static async Task<string> ComputeAsync(string directory, SourceBudget budget, CancellationToken cancellationToken)
    {
        var files = Scan(directory, budget, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        foreach (var file in files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file.RelativePath + "\0"));
            await AppendFileAsync(hash, Path.Combine(directory, file.RelativePath), file.Size, buffer, cancellationToken);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    /// <summary>Relative paths of the source files (regular files only), skipping build output and VCS folders.</summary>
    public static IEnumerable<string> Files(string directory) =>
        FileTree.Walk(directory, Skipped).Where(e => e.Kind == FileKind.Regular).Select(e => e.RelativePath);

    private static List<FileTreeEntry> Scan(string directory, SourceBudget budget, CancellationToken cancellationToken)
    {
        var files = new List<FileTreeEntry>();
        foreach (var entry in FileTree.Walk(directory, Skipped))
        {
            cancellationToken.ThrowIfCancellationRequested();
            budget.AddEntry();
            switch (entry.Kind)
            {
                case FileKind.Regular:
                    budget.AddBytes(entry.Size);
                    files.Add(entry);
                    break;
                case FileKind.Directory or FileKind.SymbolicLink:
                    break;
                default:
                    throw new PluginLoadException(
                        $"Local plugin directory {directory} holds '{entry.RelativePath}', {Describe(entry.Kind)}: a plugin's sources "
                        + "may hold only files, folders and symbolic links (which are ignored). Remove it from the plugin's directory.");
            }
        }

        return files;
    }

    /// <summary>Hashes the file's bytes, reading no more than it held when it was scanned (plus one, to notice growth).</summary>
    private static async Task AppendFileAsync(IncrementalHash hash, string path, long size, byte[] buffer, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var total = 0L;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, size - total + 1)), cancellationToken)) > 0)
        {
            total += read;
            if (total > size)
            {
                throw new IOException($"'{path}' grew while the plugin's sources were read; load the plugin again once it is no longer written to.");
            }

            hash.AppendData(buffer, 0, read);
        }
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.Socket => "a socket",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        _ => $"a {kind}",
    };
}
