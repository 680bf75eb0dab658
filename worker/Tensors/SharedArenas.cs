using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.Framing;
using Cuvis.Sandbox.Protos.SharedMemory;
using Cuvis.Sandbox.Worker.Hosting;

namespace Cuvis.Sandbox.Worker.Tensors;

/// <summary>
/// The worker's end of its descriptor channel (<see cref="WorkerProtocol.DescriptorSocketFileName"/>,
/// beside the gRPC socket) and the shared-memory arenas that arrive on it. It listens, takes the
/// first connection that presents the worker's secret, and stops listening, so nothing started
/// later (plugin code included) can connect. The supervisor then adds arenas (a file with its id)
/// and releases them (the id alone); an InferenceShared call names the arena it uses and waits
/// for it if the call arrived first.
/// </summary>
internal sealed partial class SharedArenas(WorkerArguments arguments, WorkerToken token, WorkerSession session, ILogger<SharedArenas> logger)
    : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<WorkerArena>> _arenas = new();
    private readonly CancellationTokenSource _closed = new();
    private Socket? _listener;
    private Socket? _connection;

    /// <summary>The socket file as the worker sees it; null where there is no descriptor channel.</summary>
    public string? SocketPath { get; } = SharedMemoryFile.IsSupported
        ? WorkerEndpoint.FileBeside(arguments.Endpoint, WorkerProtocol.DescriptorSocketFileName)
        : null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (SocketPath is not { } path)
        {
            return Task.CompletedTask;
        }

        _listener = WorkerEndpoint.ListenUnix(path, SocketType.Seqpacket, 4);
        new Thread(Run) { IsBackground = true, Name = "cuvis-descriptor-channel" }.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The arena <paramref name="id"/>, once the supervisor has sent it; throws when the channel is closed.</summary>
    public async Task<WorkerArena> GetAsync(long id, CancellationToken cancellationToken)
    {
        var slot = Slot(id);
        try
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
            return await slot.Task.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ArenaUnavailableException(
                $"The descriptor channel of session {session.Id}'s worker is closed; shared-memory arena {id} cannot arrive.");
        }
        finally
        {
            // A call that gave up before its arena came leaves no empty slot behind.
            if (!slot.Task.IsCompleted)
            {
                _arenas.TryRemove(KeyValuePair.Create(id, slot));
            }
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
        QuietSockets.Close(_connection);
        QuietSockets.Close(_listener);
        foreach (var id in _arenas.Keys)
        {
            Release(id);
        }
    }

    private TaskCompletionSource<WorkerArena> Slot(long id) =>
        _arenas.GetOrAdd(id, _ => new TaskCompletionSource<WorkerArena>(TaskCreationOptions.RunContinuationsAsynchronously));

    private void Run()
    {
        try
        {
            _connection = AcceptSupervisor();
            Log.Connected(logger, session.Id);
            Span<byte> data = stackalloc byte[WorkerProtocol.ArenaMessageBytes];
            while (DescriptorChannel.Receive(_connection, data, out var descriptor) is var length and >= 0)
            {
                var id = length == data.Length ? BinaryPrimitives.ReadInt64LittleEndian(data[1..]) : 0;
                if (length == data.Length && data[0] == WorkerProtocol.ArenaAdded && descriptor is not null)
                {
                    Add(id, new WorkerArena(SharedMemoryFile.Adopt(descriptor)));
                }
                else if (length == data.Length && data[0] == WorkerProtocol.ArenaReleased && descriptor is null)
                {
                    Release(id);
                }
                else
                {
                    descriptor?.Dispose();
                    Log.Malformed(logger, session.Id, length, descriptor is not null);
                }
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

    private void Add(long id, WorkerArena arena)
    {
        if (!Slot(id).TrySetResult(arena))
        {
            arena.Dispose();
            Log.Malformed(logger, session.Id, WorkerProtocol.ArenaMessageBytes, hadDescriptor: true);
        }
    }

    private void Release(long id)
    {
        if (_arenas.TryRemove(id, out var slot) && slot.Task.IsCompletedSuccessfully)
        {
            slot.Task.Result.Dispose();
        }
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
    }
}
