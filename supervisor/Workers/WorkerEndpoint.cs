using System.IO.Pipes;
using System.Net.Sockets;
using Grpc.Net.Client;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// The one transport abstraction between supervisor and worker: a Unix domain socket file on
/// Linux and macOS (<c>unix:/path</c>), a named pipe on Windows (<c>pipe:name</c>). The worker
/// listens with Kestrel on the same address.
/// </summary>
internal sealed record WorkerEndpoint(string Address)
{
    public const string SocketFileName = "worker.sock";

    /// <summary>The endpoint in <paramref name="socketDirectory"/>; on Windows a pipe named after <paramref name="workerName"/>.</summary>
    public static WorkerEndpoint ForSocketDirectory(string socketDirectory, string workerName) =>
        OperatingSystem.IsWindows()
            ? new WorkerEndpoint("pipe:cuvis-sandbox-" + workerName)
            : new WorkerEndpoint("unix:" + Path.Combine(socketDirectory, SocketFileName));

    /// <summary>The socket file, or null for a named pipe.</summary>
    public string? SocketPath => Address.StartsWith("unix:", StringComparison.Ordinal) ? Address["unix:".Length..] : null;

    public GrpcChannel CreateChannel(int maxMessageBytes)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = ConnectAsync,
            // One worker, one connection: HTTP/2 multiplexes concurrent calls over it.
            EnableMultipleHttp2Connections = false,
            // A pooled worker may wait minutes for its session: its connections must still be open then.
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        };
        return GrpcChannel.ForAddress("http://worker", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = maxMessageBytes,
            MaxSendMessageSize = maxMessageBytes,
            // The supervisor decides about retries (and later, worker restarts) itself.
            MaxRetryAttempts = 0,
        });
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (Address.StartsWith("pipe:", StringComparison.Ordinal))
        {
            var pipe = new NamedPipeClientStream(".", Address["pipe:".Length..], PipeDirection.InOut,
                PipeOptions.WriteThrough | PipeOptions.Asynchronous);
            try
            {
                await pipe.ConnectAsync(cancellationToken);
                return pipe;
            }
            catch
            {
                await pipe.DisposeAsync();
                throw;
            }
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(Address["unix:".Length..]), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
