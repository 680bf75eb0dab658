using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Who listens on a worker's socket, as the kernel reports it (SO_PEERCRED): the pid in the
/// supervisor's own pid namespace, whatever namespaces lie between, and the uid. That is how
/// the supervisor learns a sandboxed worker's real pid and checks that the socket is served by
/// the sandbox's uid and no one else.
/// </summary>
/// <param name="ProcessId">The listening process, in the supervisor's pid namespace.</param>
/// <param name="Uid">Its uid.</param>
internal sealed record WorkerPeer(int ProcessId, uint Uid)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>Connects to <paramref name="socketPath"/> once and reads the listener's credentials (Linux only; null elsewhere).</summary>
    public static async Task<WorkerPeer?> IdentifyAsync(string socketPath, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
        return Of(socket);
    }

    /// <summary>The credentials of the process at the other end of the connected Unix <paramref name="socket"/> (Linux only).</summary>
    public static WorkerPeer Of(Socket socket)
    {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        var credentials = new byte[12];
        socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials);
        return new WorkerPeer(MemoryMarshal.Read<int>(credentials), MemoryMarshal.Read<uint>(credentials.AsSpan(4)));
    }
}
