using Cuvis.Sandbox.Supervisor.Containment;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// Makes a directory tree the supervisor's and read-only to everyone else: a published build
/// (written by a sandboxed build's uid) and a session's staged copy of it. Once sealed, no build
/// and no worker can change what another plugin's build or run loads. Links are removed: a
/// build output has no business holding one, and a link could point anywhere.
/// </summary>
internal static class PublishedEntry
{
    private const UnixFileMode Directories = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode Files = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static void Seal(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var owner = Libc.EffectiveUid;
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.TryPop(out var directory))
        {
            Own(directory.FullName, owner);
            File.SetUnixFileMode(directory.FullName, Directories);
            foreach (var entry in directory.EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null || (entry is FileInfo && !IsRegularFile(entry)))
                {
                    entry.Delete();
                }
                else if (entry is DirectoryInfo child)
                {
                    pending.Push(child);
                }
                else
                {
                    Own(entry.FullName, owner);
                    File.SetUnixFileMode(entry.FullName, Files);
                }
            }
        }
    }

    private static bool IsRegularFile(FileSystemInfo entry) =>
        (entry.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0 && entry is FileInfo;

    private static void Own(string path, uint owner)
    {
        // Only root can give files away; otherwise they are ours already.
        if (owner == 0)
        {
            Libc.Lchown(path, owner, owner);
        }
    }
}
