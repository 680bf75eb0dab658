using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.SharedMemory;
using Cuvis.Sandbox.Protos.Worker.V1;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>Inference, over the channel or through one of the session's shared-memory arenas, sent on the worker's descriptor channel.</summary>
internal sealed partial class WorkerClient
{
    private readonly string _token;
    private readonly int _maxMessageBytes;
    private readonly HashSet<long> _sentArenas = [];
    private Socket? _files;

    /// <summary>
    /// Connects the worker's descriptor channel (<see cref="WorkerProtocol.DescriptorSocketFileName"/>
    /// beside <paramref name="socketPath"/>) and presents the worker's secret. Done once, while the
    /// worker is blank: the listener must be <paramref name="processId"/> itself (SO_PEERCRED), so
    /// a file swapped in later cannot lead the supervisor's files elsewhere; the worker stops
    /// listening once connected. Nothing to do where there are no shared-memory files.
    /// </summary>
    public async Task ConnectFileChannelAsync(string? socketPath, int processId, CancellationToken cancellationToken)
    {
        if (!SharedMemoryFile.IsSupported || socketPath is null)
        {
            return;
        }

        var path = Path.Combine(Path.GetDirectoryName(socketPath)!, WorkerProtocol.DescriptorSocketFileName);
        var socket = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            var peer = WorkerPeer.Of(socket);
            if (peer.ProcessId != processId)
            {
                throw new WorkerStartException(
                    $"The worker's descriptor channel {path} is served by pid {peer.ProcessId}, not by the worker (pid {processId}); refusing to use it.");
            }

            DescriptorChannel.Send(socket, Encoding.ASCII.GetBytes(_token), descriptor: null);
            _files = socket;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            socket.Dispose();
            throw new WorkerStartException($"Could not connect the worker's descriptor channel {path}: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the pipeline; hands each <see cref="WorkerProtocol.RelayedTrailerPrefix"/> trailer of
    /// the answer to <paramref name="relayTrailer"/>. A shared request's arena is sent to the worker
    /// first if this worker has not had it yet; the answer's region is checked to lie inside the
    /// file and within one message before it is used.
    /// </summary>
    public async Task<InferenceAnswer> InferenceAsync(InferenceCall request, WorkerCall call, Action<string, string> relayTrailer)
    {
        if (request.Parsed is { } parsed)
        {
            return InferenceAnswer.Of(await InvokeAsync(call, options => _client.InferenceAsync(parsed, options), relayTrailer));
        }

        var arena = request.Arena!;
        SendArena(arena);
        var answer = await InvokeAsync(call, options => _client.InferenceSharedAsync(
            new SharedInferenceRequest { RequestLength = request.Length, ArenaId = arena.Id }, options), relayTrailer);
        var (offset, length, fileLength) = (answer.ResponseOffset, answer.ResponseLength, arena.File.Length);
        if (offset < SharedMemoryFile.AlignUp(request.Length) || offset % SharedMemoryFile.Alignment != 0
            || length < 0 || length > _maxMessageBytes || offset + length > fileLength)
        {
            throw new WorkerStatusException(StatusCode.Internal,
                $"The worker answered with bytes [{offset}, +{length}) of its shared-memory arena, which are not an answer's place in it "
                + $"(past the request's {request.Length} bytes, on a {SharedMemoryFile.Alignment}-byte boundary, inside the file's {fileLength}).");
        }

        request.MarkAnswered();
        return InferenceAnswer.Shared(arena.File, offset, (int)length);
    }

    /// <summary>Tells the worker to unmap and close an arena it was sent; nothing when it never was, or is gone.</summary>
    public void ReleaseArena(long id)
    {
        lock (_sentArenas)
        {
            if (!_sentArenas.Remove(id))
            {
                return;
            }
        }

        try
        {
            DescriptorChannel.Send(_files!, ArenaMessage(WorkerProtocol.ArenaReleased, id), descriptor: null);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The worker is gone or going, and its arenas with it.
        }
    }

    private void SendArena(SharedArena arena)
    {
        if (_files is null)
        {
            throw new WorkerUnavailableException("The worker has no descriptor channel for shared-memory requests.");
        }

        lock (_sentArenas)
        {
            if (!_sentArenas.Add(arena.Id))
            {
                return;
            }
        }

        try
        {
            DescriptorChannel.Send(_files, ArenaMessage(WorkerProtocol.ArenaAdded, arena.Id), arena.File.Handle);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            lock (_sentArenas)
            {
                _sentArenas.Remove(arena.Id);
            }

            throw new WorkerUnavailableException($"The worker's descriptor channel refused the session's shared-memory arena: {e.Message}", e);
        }
    }

    private static byte[] ArenaMessage(byte operation, long id)
    {
        var message = new byte[WorkerProtocol.ArenaMessageBytes];
        message[0] = operation;
        BinaryPrimitives.WriteInt64LittleEndian(message.AsSpan(1), id);
        return message;
    }
}
