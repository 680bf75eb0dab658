using System.Collections.Concurrent;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.Framing;
using Cuvis.Sandbox.Protos.Worker.V1;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Workers.Calls;

/// <summary>
/// The session calls' transport to a worker: its call channel (<see cref="WorkerProtocol.CallSocketFileName"/>),
/// length-prefixed frames on Unix stream sockets, one call at a time per connection, which costs
/// far fewer thread hops per call than HTTP/2. It is a <see cref="CallInvoker"/>, so the generated
/// client, its interceptors and <see cref="RpcException"/> work as over gRPC. Up to
/// <see cref="MaxConnections"/> calls run on it at once; calls beyond that, streaming calls and
/// every call before <see cref="OpenAsync"/> go over the worker's gRPC channel instead.
/// </summary>
internal sealed class WorkerCallChannel(CallInvoker grpc, int maxMessageBytes, TimeProvider timeProvider) : CallInvoker, IDisposable
{
    /// <summary>Most connections (so calls at once) on the channel; below the worker's own limit of 16.</summary>
    public const int MaxConnections = 8;

    private readonly ConcurrentStack<CallChannelConnection> _idle = new();
    private string? _path;
    private int _processId;
    private int _connections;
    private volatile bool _disposed;

    /// <summary>Whether calls use the call channel (after <see cref="OpenAsync"/>).</summary>
    public bool IsOpen => _path is not null && !_disposed;

    /// <summary>
    /// Connects once to the call channel beside <paramref name="socketPath"/>, which must be served
    /// by <paramref name="processId"/>; from then on unary calls use it.
    /// </summary>
    /// <exception cref="WorkerStartException">The worker's call channel cannot be reached or is served by another process.</exception>
    public async Task OpenAsync(string socketPath, int processId, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetDirectoryName(socketPath)!, WorkerProtocol.CallSocketFileName);
        try
        {
            var first = await CallChannelConnection.ConnectAsync(path, processId, maxMessageBytes, cancellationToken);
            Interlocked.Increment(ref _connections);
            _idle.Push(first);
            (_path, _processId) = (path, processId);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
        {
            throw new WorkerStartException($"Could not connect the worker's call channel {path}: {e.Message}", e);
        }
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        if (!IsOpen || !TryTakeConnection(out var idle))
        {
            return grpc.AsyncUnaryCall(method, host, options, request);
        }

        var call = new FramedUnaryCall<TResponse>();
        var response = RunAsync(method, options, request, idle, call);
        return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), call.GetStatus, call.GetTrailers, call.Abort);
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        AsyncUnaryCall(method, host, options, request).ResponseAsync.GetAwaiter().GetResult();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        grpc.AsyncServerStreamingCall(method, host, options, request);

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        grpc.AsyncClientStreamingCall(method, host, options);

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        grpc.AsyncDuplexStreamingCall(method, host, options);

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryPop(out var connection))
        {
            connection.Dispose();
        }
    }

    /// <summary>An idle connection, or null with room for a new one; false when all are busy.</summary>
    private bool TryTakeConnection(out CallChannelConnection? connection)
    {
        if (_idle.TryPop(out connection))
        {
            return true;
        }

        if (Interlocked.Increment(ref _connections) <= MaxConnections)
        {
            return true;
        }

        Interlocked.Decrement(ref _connections);
        return false;
    }

    private async Task<TResponse> RunAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, CallOptions options, TRequest request, CallChannelConnection? connection, FramedUnaryCall<TResponse> call)
        where TRequest : class
        where TResponse : class
    {
        var reusable = false;
        try
        {
            var header = new FramedCall { Method = method.FullName };
            CallMetadata.Write(options.Headers, header.Headers);
            if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
            {
                var left = deadline - timeProvider.GetUtcNow().UtcDateTime;
                if (left <= TimeSpan.Zero)
                {
                    throw call.Fail(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
                }

                header.TimeoutMicros = Math.Max(1, (long)left.TotalMicroseconds);
                call.ArmDeadline(timeProvider, left);
            }

            options.CancellationToken.ThrowIfCancellationRequested();
            using var frame = new CallFrame(header);
            frame.WritePayload(method.RequestMarshaller, request);
            if (frame.PayloadLength > maxMessageBytes)
            {
                throw call.Fail(new Status(StatusCode.ResourceExhausted,
                    $"Sending message exceeds the maximum configured message size ({frame.PayloadLength} > {maxMessageBytes} bytes)."));
            }

            connection ??= await CallChannelConnection.ConnectAsync(_path!, _processId, maxMessageBytes, options.CancellationToken);
            using var cancellation = options.CancellationToken.Register(static state => ((FramedUnaryCall<TResponse>)state!).Cancel(), call);
            var answer = await call.Attach(connection).CallAsync(frame.Bytes);
            var (response, status, trailers) = CallAnswer.Read(method, answer);
            call.Complete(status, trailers);
            reusable = call.Detach() && connection.IsClean;
            return response ?? throw new RpcException(status, trailers);
        }
        catch (RpcException e)
        {
            call.Complete(e.Status, e.Trailers);
            throw;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException
                                      or InvalidDataException or Google.Protobuf.InvalidProtocolBufferException or OperationCanceledException)
        {
            throw call.Ended(e, options.CancellationToken);
        }
        finally
        {
            call.Disarm();
            if (reusable && !_disposed)
            {
                _idle.Push(connection!);
                if (_disposed)
                {
                    Dispose();
                }
            }
            else
            {
                connection?.Dispose();
                Interlocked.Decrement(ref _connections);
            }
        }
    }
}
