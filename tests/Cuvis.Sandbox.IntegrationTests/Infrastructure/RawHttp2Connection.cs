using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>
/// HTTP/2 spoken frame by frame over a plain socket, to send what no client library sends: a
/// frame whose header promises more bytes than follow, a frame over the peer's size limit, a
/// connection dropped mid-frame. Request headers go as HPACK literals; the server's frames are
/// read as headers and payloads only (no HPACK decoding), which is all the tests look at.
/// </summary>
internal sealed class RawHttp2Connection : IAsyncDisposable
{
    public const byte Data = 0x0, Headers = 0x1, RstStream = 0x3, Settings = 0x4, GoAway = 0x7;
    private const byte EndStream = 0x1, EndHeaders = 0x4;
    private static readonly byte[] Preface = Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly string _authority;

    private RawHttp2Connection(TcpClient tcp, string authority)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _authority = authority;
    }

    public static async Task<RawHttp2Connection> OpenAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(10));
        var connection = new RawHttp2Connection(tcp, $"127.0.0.1:{port}");
        await connection._stream.WriteAsync(Preface);
        await connection.SendFrameAsync(Settings, 0, 0, []);
        return connection;
    }

    /// <summary>Opens stream <paramref name="streamId"/> with a gRPC POST to <paramref name="method"/>.</summary>
    public Task SendRequestHeadersAsync(int streamId, string method, bool endStream = false)
    {
        var block = new List<byte>();
        foreach (var (name, value) in new[]
        {
            (":method", "POST"), (":scheme", "http"), (":authority", _authority), (":path", "/cuvis_ai.v1.CuvisAIService/" + method),
            ("content-type", "application/grpc"), ("te", "trailers"), ("grpc-timeout", "30S"),
        })
        {
            // Literal header field without indexing, new name, no Huffman coding.
            block.Add(0x00);
            Literal(block, name);
            Literal(block, value);
        }

        return SendFrameAsync(Headers, (byte)(EndHeaders | (endStream ? EndStream : 0)), streamId, [.. block]);
    }

    public Task SendDataAsync(int streamId, byte[] payload, bool endStream) => SendFrameAsync(Data, endStream ? EndStream : (byte)0, streamId, payload);

    /// <summary>Sends a frame header declaring <paramref name="declaredLength"/> bytes, then only <paramref name="payload"/>.</summary>
    public Task SendFrameAsync(byte type, byte flags, int streamId, byte[] payload, int? declaredLength = null)
    {
        var frame = new byte[9 + payload.Length];
        var length = declaredLength ?? payload.Length;
        frame[0] = (byte)(length >> 16);
        frame[1] = (byte)(length >> 8);
        frame[2] = (byte)length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), streamId & int.MaxValue);
        payload.CopyTo(frame, 9);
        return _stream.WriteAsync(frame).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Every frame the server sends until it closes the connection or <paramref name="timeout"/> passes.</summary>
    public async Task<IReadOnlyList<Http2Frame>> ReadFramesAsync(TimeSpan timeout, Func<Http2Frame, bool>? until = null)
    {
        var frames = new List<Http2Frame>();
        using var deadline = new CancellationTokenSource(timeout);
        var header = new byte[9];
        try
        {
            while (await ReadExactlyAsync(header, deadline.Token))
            {
                var payload = new byte[(header[0] << 16) | (header[1] << 8) | header[2]];
                if (!await ReadExactlyAsync(payload, deadline.Token))
                {
                    break;
                }

                var frame = new Http2Frame(header[3], header[4], BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & int.MaxValue, payload);
                frames.Add(frame);
                if (frame.Type == Settings && (frame.Flags & 0x1) == 0)
                {
                    await SendFrameAsync(Settings, 0x1, 0, []);
                }

                if (until?.Invoke(frame) == true)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // Timed out, or the server reset the connection.
        }

        return frames;
    }

    /// <summary>Drops the connection without a goodbye, whatever was half sent.</summary>
    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    private static void Literal(List<byte> block, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        // HPACK integer with a 7-bit prefix (the eighth bit, Huffman, stays 0).
        var length = bytes.Length;
        if (length < 127)
        {
            block.Add((byte)length);
        }
        else
        {
            block.Add(127);
            for (length -= 127; length >= 128; length >>= 7)
            {
                block.Add((byte)((length & 0x7F) | 0x80));
            }

            block.Add((byte)length);
        }

        block.AddRange(bytes);
    }
}

/// <summary>One frame the server sent.</summary>
internal sealed record Http2Frame(byte Type, byte Flags, int StreamId, byte[] Payload)
{
    /// <summary>A GOAWAY's error code (FRAME_SIZE_ERROR is 6, PROTOCOL_ERROR 1).</summary>
    public int GoAwayError => Type == RawHttp2Connection.GoAway ? BinaryPrimitives.ReadInt32BigEndian(Payload.AsSpan(4)) : -1;
}
