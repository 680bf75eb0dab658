using System.Globalization;

namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>The shared-memory files (memfd <c>cuvis-tensors</c>) a process holds open, as /proc shows them from outside.</summary>
internal static class SharedMemoryFiles
{
    public const string LinkPrefix = "/memfd:" + Protos.SharedMemory.SharedMemoryFile.Name;

    /// <summary>The inode numbers of the shared-memory files <paramref name="pid"/> holds open (one per file); empty when it is gone.</summary>
    public static IReadOnlySet<long> Of(int pid)
    {
        var found = new HashSet<long>();
        try
        {
            foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                try
                {
                    if (new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith(LinkPrefix, StringComparison.Ordinal)
                        && File.ReadLines($"/proc/{pid}/fdinfo/{Path.GetFileName(descriptor)}").FirstOrDefault(l => l.StartsWith("ino:", StringComparison.Ordinal)) is { } inode)
                    {
                        found.Add(long.Parse(inode["ino:".Length..].Trim(), CultureInfo.InvariantCulture));
                    }
                }
                catch (IOException)
                {
                    // Closed while we looked.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return found;
    }
}
