using System.Security.Cryptography;
using System.Text;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// A content hash of a local plugin's sources (paths and bytes, build output excluded), so an
/// unchanged plugin is never rebuilt and any edit is.
/// </summary>
internal static class SourceHash
{
    private static readonly string[] Skipped = ["bin", "obj", ".git", ".vs", ".idea"];

    public static async Task<string> ComputeAsync(string directory, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Files(directory).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\0"));
            hash.AppendData(await File.ReadAllBytesAsync(Path.Combine(directory, file), cancellationToken));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    /// <summary>Relative paths of the source files, skipping build output and VCS folders.</summary>
    public static IEnumerable<string> Files(string directory)
    {
        var pending = new Stack<string>([directory]);
        while (pending.TryPop(out var current))
        {
            foreach (var entry in new DirectoryInfo(current).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                {
                    continue; // never follow links out of the plugin's directory
                }

                if (entry is DirectoryInfo)
                {
                    if (!Skipped.Contains(entry.Name, StringComparer.Ordinal))
                    {
                        pending.Push(entry.FullName);
                    }
                }
                else
                {
                    yield return Path.GetRelativePath(directory, entry.FullName);
                }
            }
        }
    }
}
