using System.Net.Sockets;
using System.Threading.Channels;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.Framing;
using Cuvis.Sandbox.Protos.Worker.V1;
using Google.Protobuf;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers.Calls;

/// <summary>
/// A stand-in worker on a real call-channel socket (<see cref="WorkerProtocol.CallSocketFileName"/>
/// in a temp directory), answering each call with whatever <see cref="Answer"/> writes, raw bytes
/// included, so tests can play a worker that misbehaves. It records every call and sees when the
/// supervisor closes a connection.
/// </summary>
internal sealed class FrameWorker : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly DirectoryInfo _directory;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _accepted;

    public FrameWorker()
    {
        _directory = Directory.CreateTempSubdirectory("cuvis-calls-");
        SocketPath = Path.Combine(_directory.FullName, WorkerProtocol.CallSocketFileName);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(32);
        _accepting = AcceptAsync();
    }

    /// <summary>The gRPC socket path a real worker would have beside its call channel.</summary>
    public string WorkerSocketPath => Path.Combine(_directory.FullName, "worker.sock");

    public string SocketPath { get; }

    /// <summary>The bytes answering a call; null leaves it unanswered, an empty array closes the connection instead.</summary>
    public Func<FramedCall, byte[], byte[]?> Answer { get; set; } = (_, _) => null;

    public Channel<(FramedCall Header, byte[] Payload)> Calls { get; } = Channel.CreateUnbounded<(FramedCall, byte[])>();

    /// <summary>Completes once per connection the supervisor closed.</summary>
    public Channel<int> Closed { get; } = Channel.CreateUnbounded<int>();

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>A well-formed answer: <paramref name="header"/>, and <paramref name="message"/> as the payload.</summary>
    public static byte[] Frame(FramedAnswer header, IMessage? message = null)
    {
        using var frame = new CallFrame(header);
        if (message is not null)
        {
            frame.Complete(message.ToByteArray());
        }

        return frame.Bytes.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await Task.WhenAll([_accepting, .. _connections]).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        _directory.Delete(recursive: true);
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var connection = await _listener.AcceptAsync(_stop.Token);
                var number = Interlocked.Increment(ref _accepted);
                lock (_connections)
                {
                    _connections.Add(ServeAsync(connection, number));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket connection, int number)
    {
        using var _ = connection;
        using var reader = new CallFrameReader(64 * 1024 * 1024);
        try
        {
            while (await reader.ReadAsync(connection, _stop.Token) is { } frame)
            {
                var header = FramedCall.Parser.ParseFrom(frame.Header.Span);
                var payload = frame.Payload.ToArray();
                await Calls.Writer.WriteAsync((header, payload));
                var answer = Answer(header, payload);
                if (answer is { Length: 0 })
                {
                    connection.Shutdown(SocketShutdown.Both);
                    break;
                }

                if (answer is not null)
                {
                    await connection.SendAsync(answer, SocketFlags.None);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
        {
        }

        Closed.Writer.TryWrite(number);
    }
}
