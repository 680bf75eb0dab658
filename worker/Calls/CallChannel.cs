using System.Collections.Concurrent;
using System.Net.Sockets;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.Framing;
using Cuvis.Sandbox.Worker.Hosting;

namespace Cuvis.Sandbox.Worker.Calls;

/// <summary>
/// The worker's end of its call channel (<see cref="WorkerProtocol.CallSocketFileName"/>, beside
/// the gRPC socket): the supervisor's session calls as frames, with far fewer thread hops than
/// HTTP/2 (<see cref="CallConnection"/>). Every call still passes the worker's interceptors, the
/// token check first, so a connection from anyone but the supervisor gets nothing but
/// UNAUTHENTICATED. At most <see cref="MaxConnections"/> connections are served at once; the
/// supervisor sends calls beyond that over gRPC.
/// </summary>
internal sealed partial class CallChannel(
    WorkerArguments arguments, FramedMethods methods, TimeProvider timeProvider, WorkerSession session, ILogger<CallChannel> logger)
    : IHostedService, IDisposable
{
    /// <summary>Most connections served at once, each with its own thread.</summary>
    public const int MaxConnections = 16;

    private readonly ConcurrentDictionary<Socket, bool> _connections = new();
    private Socket? _listener;
    private int _stopped;

    /// <summary>The socket file as the worker sees it; null where the endpoint is not a Unix socket.</summary>
    public string? SocketPath { get; } = WorkerEndpoint.FileBeside(arguments.Endpoint, WorkerProtocol.CallSocketFileName);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (SocketPath is not { } path)
        {
            return Task.CompletedTask;
        }

        _listener = WorkerEndpoint.ListenUnix(path, SocketType.Stream, MaxConnections);
        new Thread(Accept) { IsBackground = true, Name = "cuvis-call-channel" }.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        // shutdown wakes the threads blocked in accept and recv (close alone would not).
        QuietSockets.Close(_listener);
        foreach (var connection in _connections.Keys)
        {
            QuietSockets.Close(connection);
        }

        if (SocketPath is { } path)
        {
            File.Delete(path);
        }
    }

    private void Accept()
    {
        try
        {
            while (Volatile.Read(ref _stopped) == 0)
            {
                var connection = _listener!.Accept();
                if (_connections.Count >= MaxConnections || Volatile.Read(ref _stopped) == 1)
                {
                    Log.TooMany(logger, session.Id, MaxConnections);
                    connection.Dispose();
                    continue;
                }

                _connections[connection] = true;
                new Thread(() => Serve(connection)) { IsBackground = true, Name = "cuvis-call" }.Start();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private void Serve(Socket connection)
    {
        try
        {
            new CallConnection(connection, methods, arguments.MaxMessageBytes, timeProvider, session, logger).Run();
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1020, LogLevel.Warning, "Worker for session {SessionId}: refused a call-channel connection; {MaxConnections} are open already")]
        public static partial void TooMany(ILogger logger, string sessionId, int maxConnections);
    }
}
