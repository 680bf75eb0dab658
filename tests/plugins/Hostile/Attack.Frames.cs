using System.Globalization;

namespace Hostile;

/// <summary>
/// <c>forge-frames</c>: writes a forged frame into every connected socket the worker holds: its
/// connections to the supervisor (the call channel carrying this very call, the gRPC control
/// channel, the descriptor channel). The frame announces a 5-byte header that does not parse, so a
/// supervisor that took it for its call's answer would misread it. The supervisor must refuse it
/// as a broken connection and hurt no one else; the report rarely comes back, as the connection
/// carrying it is one of those written to.
/// </summary>
public sealed partial class Attack
{
    // MSG_DONTWAIT | MSG_NOSIGNAL: never block on a full buffer, never die of a closed peer.
    private const int SendFlags = 0x40 | 0x4000;

    private static readonly byte[] ForgedFrame = [5, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff];

    private static string ForgeFrames()
    {
        var written = new List<string>();
        var refused = new List<string>();
        foreach (var descriptor in Entries("/proc/self/fd"))
        {
            if (LinkTarget(descriptor) is not { } target || !target.StartsWith("socket:", StringComparison.Ordinal)
                || !int.TryParse(Path.GetFileName(descriptor), NumberStyles.None, CultureInfo.InvariantCulture, out var fd))
            {
                continue;
            }

            if (Libc.Send(fd, ForgedFrame, ForgedFrame.Length, SendFlags) == ForgedFrame.Length)
            {
                written.Add(fd.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                refused.Add($"fd {fd}: {Libc.LastError()}");
            }
        }

        return (written.Count > 0 ? "succeeded: " : "blocked: ") + $"sockets={written.Count} fds={string.Join(",", written)} refused={refused.Count}";
    }
}
