using System.Buffers.Binary;
using System.Net.Sockets;

namespace Cuvis.Sandbox.Protos.Framing;

/// <summary>
/// Reads whole frames (<see cref="CallFrame"/>) from one connection of the call channel, the
/// worker's with blocking receives on its connection's thread, the supervisor's asynchronously.
/// A frame's header and payload stay valid until the next read. Lengths come from the peer and
/// are checked before anything is buffered: a header over <see cref="CallFrame.MaxHeaderBytes"/>
/// or a payload over the limit given is refused with <see cref="InvalidDataException"/>.
/// </summary>
public sealed class CallFrameReader(int maxPayloadBytes) : IDisposable
{
    private const int DefaultBufferBytes = 16 * 1024;

    private byte[] _buffer = FrameBuffers.Rent(DefaultBufferBytes);
    private int _start;
    private int _end;

    /// <summary>True when no byte past the last frame read has arrived.</summary>
    public bool IsEmpty => _end == _start;

    /// <summary>The next frame; null when the peer closed the connection between frames.</summary>
    /// <exception cref="IOException">The connection ended inside a frame.</exception>
    /// <exception cref="InvalidDataException">The peer announced a frame larger than allowed.</exception>
    public ReceivedFrame? Read(Socket socket)
    {
        ReceivedFrame frame;
        int needed;
        while (!TryTake(out frame, out needed))
        {
            var received = socket.Receive(Room(needed).Span);
            if (received == 0)
            {
                return EndOfStream();
            }

            _end += received;
        }

        return frame;
    }

    /// <inheritdoc cref="Read"/>
    public async ValueTask<ReceivedFrame?> ReadAsync(Socket socket, CancellationToken cancellationToken)
    {
        ReceivedFrame frame;
        int needed;
        while (!TryTake(out frame, out needed))
        {
            var received = await socket.ReceiveAsync(Room(needed), SocketFlags.None, cancellationToken);
            if (received == 0)
            {
                return EndOfStream();
            }

            _end += received;
        }

        return frame;
    }

    public void Dispose()
    {
        FrameBuffers.Return(_buffer);
        _buffer = [];
    }

    private bool TryTake(out ReceivedFrame frame, out int needed)
    {
        frame = default;
        var available = _end - _start;
        if (available < CallFrame.PrefixBytes)
        {
            needed = CallFrame.PrefixBytes;
            return false;
        }

        var prefix = _buffer.AsSpan(_start, CallFrame.PrefixBytes);
        var headerLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
        var payloadLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix[4..]);
        if (headerLength > CallFrame.MaxHeaderBytes)
        {
            throw new InvalidDataException($"The peer announced a frame header of {headerLength} bytes; at most {CallFrame.MaxHeaderBytes} are allowed.");
        }

        if (payloadLength > maxPayloadBytes)
        {
            throw new InvalidDataException($"The peer announced a message of {payloadLength} bytes; at most {maxPayloadBytes} are allowed.");
        }

        needed = CallFrame.PrefixBytes + (int)headerLength + (int)payloadLength;
        if (available < needed)
        {
            return false;
        }

        var header = _buffer.AsMemory(_start + CallFrame.PrefixBytes, (int)headerLength);
        frame = new ReceivedFrame(header, _buffer.AsMemory(_start + CallFrame.PrefixBytes + (int)headerLength, (int)payloadLength));
        _start += needed;
        return true;
    }

    /// <summary>
    /// Free space after the buffered bytes, toward a frame of <paramref name="needed"/> bytes. The
    /// buffer grows toward that length only as the frame's bytes arrive (doubling when full), so a
    /// length the peer merely announces costs nothing.
    /// </summary>
    private Memory<byte> Room(int needed)
    {
        var buffered = _end - _start;
        if (buffered == 0)
        {
            _start = _end = 0;
            if (_buffer.Length > DefaultBufferBytes && needed <= DefaultBufferBytes)
            {
                // Done with a large frame: give its buffer back rather than holding it while idle.
                FrameBuffers.Return(_buffer);
                _buffer = FrameBuffers.Rent(DefaultBufferBytes);
            }
        }

        if (_start > 0 && _buffer.Length - _start < needed)
        {
            // Move the frame's first bytes to the front, so that it can complete in this buffer.
            _buffer.AsSpan(_start, buffered).CopyTo(_buffer);
            (_start, _end) = (0, buffered);
        }

        if (_end == _buffer.Length)
        {
            // Full, and the frame is longer still (or it would have been taken).
            var larger = FrameBuffers.Rent((int)Math.Min(needed, Math.Max(2L * _buffer.Length, DefaultBufferBytes)));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            FrameBuffers.Return(_buffer);
            _buffer = larger;
        }

        return _buffer.AsMemory(_end);
    }

    private ReceivedFrame? EndOfStream() => _end == _start
        ? null
        : throw new IOException($"The connection closed inside a frame ({_end - _start} bytes of it had arrived).");
}

/// <summary>A frame's header and payload, valid until the reader reads again.</summary>
public readonly record struct ReceivedFrame(ReadOnlyMemory<byte> Header, ReadOnlyMemory<byte> Payload);
