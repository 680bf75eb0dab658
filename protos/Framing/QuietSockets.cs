using System.Net.Sockets;

namespace Cuvis.Sandbox.Protos.Framing;

/// <summary>Ending a socket that another thread may be blocked on, or that may be closed already.</summary>
public static class QuietSockets
{
    /// <summary>
    /// Shuts <paramref name="socket"/> down both ways: a thread blocked in accept, recv or an
    /// asynchronous receive wakes (closing alone would not wake it), and the peer sees the end.
    /// Does nothing to a socket that is already shut down or disposed.
    /// </summary>
    public static void Interrupt(Socket? socket)
    {
        try
        {
            socket?.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary><see cref="Interrupt"/>, then disposes <paramref name="socket"/>.</summary>
    public static void Close(Socket? socket)
    {
        Interrupt(socket);
        socket?.Dispose();
    }
}
