using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.SharedMemory;
using Cuvis.Sandbox.Worker.Hosting;

namespace Cuvis.Sandbox.Worker.Tensors;

/// <summary>
/// The worker's end of its descriptor channel (<see cref="WorkerProtocol.DescriptorSocketFileName"/>,
/// beside the gRPC socket): listens, takes the first connection that presents the worker's
/// secret, stops listening (so nothing started later, plugin code included, can connect), and
/// hands each shared-memory file it receives to the InferenceShared call carrying the same call
/// id. The supervisor connects once, while the worker is still blank. A file whose call gave up
/// before it arrived, or that no call claims within <see cref="UnclaimedLifetime"/>, is closed.
/// </summary>
internal sealed partial class SharedFileExchange(
    WorkerArguments arguments, WorkerToken token, WorkerSession session, TimeProvider timeProvider, ILogger<SharedFileExchange> logger)
    : IHostedService, IDisposable
{
    /// <summary>The supervisor sends a file just before its call; one unclaimed this long never will be.</summary>
    public static readonly TimeSpan UnclaimedLifetime = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<long, Slot> _slots = new();
    private readonly ConcurrentDictionary<long, byte> _abandoned = new();
    private readonly CancellationTokenSource _closed = new();
    private Socket? _listener;
    private Socket? _connection;

    /// <summary>The socket file as the worker sees it; null where there is no descriptor channel.</summary>
    public string? SocketPath { get; } = SharedMemoryFile.IsSupported && arguments.Endpoint.StartsWith("unix:", StringComparison.Ordinal)
        ? Path.Combine(Path.GetDirectoryName(arguments.Endpoint["unix:".Length..])!, WorkerProtocol.DescriptorSocketFileName)
        : null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (SocketPath is not { } path)
        {
            return Task.CompletedTask;
        }

        File.Delete(path);
        _listener = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(4);
        new Thread(Run) { IsBackground = true, Name = "cuvis-descriptor-channel" }.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Waits for the file of call <paramref name="callId"/>; throws when the channel is closed.</summary>
    public async Task<SharedMemoryFile> TakeAsync(long callId, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(callId, _ => new Slot(timeProvider.GetTimestamp()));
        try
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
            return await slot.File.Task.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SharedFileUnavailableException(
                $"The descriptor channel of session {session.Id}'s worker is closed; the shared-memory file of call {callId} cannot arrive.");
        }
        catch (OperationCanceledException)
        {
            // A file that still arrives for this call is closed at once.
            _abandoned.TryAdd(callId, 0);
            throw;
        }
        finally
        {
            _slots.TryRemove(callId, out _);
        }
    }

    public void Dispose()
    {
        if (_closed.IsCancellationRequested)
        {
            return;
        }

        _closed.Cancel();
        // shutdown wakes the thread blocked in recvmsg (close alone would not).
        Shut(_connection);
        Shut(_listener);
        foreach (var slot in _slots.Values)
        {
            if (slot.File.Task.IsCompletedSuccessfully)
            {
                slot.File.Task.Result.Dispose();
            }
        }
    }

    private void Run()
    {
        try
        {
            _connection = AcceptSupervisor();
            Log.Connected(logger, session.Id);
            Span<byte> data = stackalloc byte[sizeof(long)];
            while (DescriptorChannel.Receive(_connection, data, out var descriptor) is var length and >= 0)
            {
                if (length != sizeof(long) || descriptor is null)
                {
                    descriptor?.Dispose();
                    Log.Malformed(logger, session.Id, length, descriptor is not null);
                    continue;
                }

                Deliver(BinaryPrimitives.ReadInt64LittleEndian(data), SharedMemoryFile.Adopt(descriptor));
            }

            Log.Ended(logger, session.Id, "the supervisor closed it");
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            if (!_closed.IsCancellationRequested)
            {
                Log.Ended(logger, session.Id, e.Message);
            }
        }
        finally
        {
            _closed.Cancel();
        }
    }

    private Socket AcceptSupervisor()
    {
        Span<byte> secret = stackalloc byte[DescriptorChannel.MaxDataBytes];
        while (true)
        {
            var candidate = _listener!.Accept();
            try
            {
                var length = DescriptorChannel.Receive(candidate, secret, out var descriptor);
                descriptor?.Dispose();
                if (length > 0 && CryptographicOperations.FixedTimeEquals(secret[..length], token.Bytes))
                {
                    _listener.Dispose();
                    File.Delete(SocketPath!);
                    return candidate;
                }
            }
            catch (IOException)
            {
            }

            Log.Refused(logger, session.Id);
            candidate.Dispose();
        }
    }

    private void Deliver(long callId, SharedMemoryFile file)
    {
        SweepUnclaimed();
        if (_abandoned.TryRemove(callId, out _)
            || !_slots.GetOrAdd(callId, _ => new Slot(timeProvider.GetTimestamp())).File.TrySetResult(file))
        {
            file.Dispose();
        }
    }

    private void SweepUnclaimed()
    {
        foreach (var (callId, slot) in _slots)
        {
            if (slot.File.Task.IsCompletedSuccessfully && timeProvider.GetElapsedTime(slot.Created) > UnclaimedLifetime
                && _slots.TryRemove(callId, out _))
            {
                slot.File.Task.Result.Dispose();
                Log.Unclaimed(logger, session.Id, callId);
            }
        }
    }

    private static void Shut(Socket? socket)
    {
        try
        {
            socket?.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        socket?.Dispose();
    }

    private sealed class Slot(long created)
    {
        public long Created { get; } = created;

        public TaskCompletionSource<SharedMemoryFile> File { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static partial class Log
    {
        [LoggerMessage(1010, LogLevel.Debug, "Worker for session {SessionId}: the supervisor connected its descriptor channel")]
        public static partial void Connected(ILogger logger, string sessionId);

        [LoggerMessage(1011, LogLevel.Warning, "Worker for session {SessionId}: refused a descriptor channel connection without the worker's secret")]
        public static partial void Refused(ILogger logger, string sessionId);

        [LoggerMessage(1012, LogLevel.Warning, "Worker for session {SessionId}: dropped a malformed descriptor channel message ({Length} bytes, descriptor: {HadDescriptor})")]
        public static partial void Malformed(ILogger logger, string sessionId, int length, bool hadDescriptor);

        [LoggerMessage(1013, LogLevel.Information, "Worker for session {SessionId}: descriptor channel ended: {Reason}")]
        public static partial void Ended(ILogger logger, string sessionId, string reason);

        [LoggerMessage(1014, LogLevel.Warning, "Worker for session {SessionId}: closed the shared-memory file of call {CallId}, which no call claimed")]
        public static partial void Unclaimed(ILogger logger, string sessionId, long callId);
    }
}
