namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>The shared-memory files (memfd <c>cuvis-tensors</c>) a process holds open, as /proc shows them from outside.</summary>
internal static class SharedMemoryFiles
{
    public const string LinkPrefix = "/memfd:cuvis-tensors";

    /// <summary>The descriptors of <paramref name="pid"/> that are shared-memory files; empty when it is gone.</summary>
    public static IReadOnlyList<string> Of(int pid)
    {
        var found = new List<string>();
        try
        {
            foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                try
                {
                    if (new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith(LinkPrefix, StringComparison.Ordinal))
                    {
                        found.Add($"{descriptor} -> {target}");
                    }
                }
                catch (IOException)
                {
                    // Closed while we looked.
                }
            }
        }
        catch (Exception e) when (e is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
        }

        return found;
    }
}
