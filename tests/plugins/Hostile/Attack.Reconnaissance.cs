using System.Text.RegularExpressions;

namespace Hostile;

/// <summary>
/// <c>scan-proc</c>: looks for other sessions the way an attacker would before aiming at one.
/// Reads every visible process's command line, environment, cgroup, mounts and open files, the
/// kernel's list of Unix sockets, and the names in the usual shared directories, and collects
/// anything shaped like a session id (a UUID or 32 hex digits) or a session directory name
/// (<c>w-</c> or <c>s-</c> and 12 hex digits).
/// </summary>
public sealed partial class Attack
{
    private const int MaxScannedBytes = 1 << 20;

    private static readonly string[] ProcessFiles = ["cmdline", "environ", "cgroup", "mountinfo", "status"];
    private static readonly string[] SharedDirectories = ["/", "/tmp", "/run", "/dev/shm", "/var/tmp", "/sandbox", "/sandbox/run", "/sandbox/plugins"];

    private static string ScanProc()
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var files = 0;
        foreach (var pid in VisiblePids())
        {
            foreach (var name in ProcessFiles)
            {
                files += Collect(ReadBounded($"/proc/{pid}/{name}"), found);
            }

            foreach (var descriptor in Entries($"/proc/{pid}/fd"))
            {
                files += Collect(LinkTarget(descriptor), found);
            }
        }

        files += Collect(ReadBounded("/proc/net/unix"), found);
        foreach (var directory in SharedDirectories)
        {
            files += Collect(string.Join("\n", Entries(directory)), found);
        }

        return found.Count == 0
            ? $"blocked: scanned files={files}: no session id or session directory name in sight"
            : $"succeeded: scanned files={files} found={string.Join(",", found)}";
    }

    private static int Collect(string? text, SortedSet<string> found)
    {
        if (text is null)
        {
            return 0;
        }

        foreach (Match match in SessionShaped().Matches(text))
        {
            found.Add(match.Value);
        }

        return 1;
    }

    private static string? ReadBounded(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            var buffer = new byte[MaxScannedBytes];
            var length = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return System.Text.Encoding.UTF8.GetString(buffer, 0, length).Replace('\0', '\n');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string[] Entries(string directory)
    {
        try
        {
            return Directory.GetFileSystemEntries(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{32}\b|\b[ws]-[0-9a-f]{12}\b", RegexOptions.IgnoreCase)]
    private static partial Regex SessionShaped();
}
