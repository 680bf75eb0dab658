using System.Net.Sockets;
using Cuvis.Sandbox.Protos.Framing;

namespace Cuvis.Sandbox.Supervisor.Workers.Calls;

/// <summary>
/// One connection of a worker's call channel, carrying one call at a time: the call's frame out,
/// the answer's frame back. <see cref="Abort"/> ends the call early (the worker then cancels
/// its handler); an aborted or broken connection is never used again.
/// </summary>
internal sealed class CallChannelConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly CallFrameReader _reader;

    private CallChannelConnection(Socket socket, int maxMessageBytes)
    {
        _socket = socket;
        _reader = new CallFrameReader(maxMessageBytes);
    }

    /// <summary>
    /// Connects to <paramref name="path"/>, which must be served by <paramref name="processId"/>
    /// (SO_PEERCRED, on Linux): a socket file swapped in by anyone else is refused.
    /// </summary>
    /// <exception cref="IOException">The socket is served by another process.</exception>
    public static async Task<CallChannelConnection> ConnectAsync(string path, int processId, int maxMessageBytes, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            if (OperatingSystem.IsLinux() && WorkerPeer.Of(socket).ProcessId is var peer && peer != processId)
            {
                throw new IOException($"The call channel {path} is served by pid {peer}, not by the worker (pid {processId}); refusing to use it.");
            }

            return new CallChannelConnection(socket, maxMessageBytes);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True when the last answer was all the worker sent: nothing stray waits to be misread as the next one.</summary>
    public bool IsClean => _reader.IsEmpty && _socket.Available == 0;

    /// <summary>Sends <paramref name="call"/> and waits for the answer, valid until the next call.</summary>
    /// <exception cref="IOException">The worker closed the connection before it answered.</exception>
    public async Task<ReceivedFrame> CallAsync(ReadOnlyMemory<byte> call)
    {
        await _socket.SendAsync(call, SocketFlags.None);
        return await _reader.ReadAsync(_socket, CancellationToken.None)
            ?? throw new IOException("The worker closed its call channel before it answered.");
    }

    /// <summary>Ends the call under way: the waiting read fails, the worker sees the connection close.</summary>
    public void Abort() => QuietSockets.Interrupt(_socket);

    public void Dispose()
    {
        _socket.Dispose();
        _reader.Dispose();
    }
}
