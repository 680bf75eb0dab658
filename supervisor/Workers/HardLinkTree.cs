using Cuvis.Sandbox.Supervisor.Containment;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>A second name for every file of a directory tree: its folders made anew, its files hard-linked.</summary>
internal static class HardLinkTree
{
    /// <summary>Recreates <paramref name="source"/>'s folders under <paramref name="target"/> and links every regular file; symbolic links are not followed nor made.</summary>
    public static void Create(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var linked = Path.Combine(target, entry.Name);
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            if (entry is DirectoryInfo directory)
            {
                Create(directory.FullName, linked);
            }
            else if (OperatingSystem.IsWindows())
            {
                File.Copy(entry.FullName, linked);
            }
            else
            {
                Libc.Link(entry.FullName, linked);
            }
        }
    }
}
