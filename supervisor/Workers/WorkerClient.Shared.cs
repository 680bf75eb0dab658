using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.SharedMemory;
using Cuvis.Sandbox.Protos.Worker.V1;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>Inference, over the channel or through a shared-memory file sent on the worker's descriptor channel.</summary>
internal sealed partial class WorkerClient
{
    private readonly string _token;
    private readonly int _maxMessageBytes;
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
    /// the answer to <paramref name="relayTrailer"/>. A shared request's file is sent first; the
    /// answer's region is checked to lie inside the file and within one message before it is used.
    /// </summary>
    public async Task<InferenceAnswer> InferenceAsync(InferenceCall request, WorkerCall call, Action<string, string> relayTrailer)
    {
        if (request.Parsed is { } parsed)
        {
            return InferenceAnswer.Of(await InvokeAsync(call, options => _client.InferenceAsync(parsed, options), relayTrailer));
        }

        var file = request.File!;
        SendFile(call.Id, file);
        var answer = await InvokeAsync(call,
            options => _client.InferenceSharedAsync(new SharedInferenceRequest { RequestLength = request.Length }, options), relayTrailer);
        var (offset, length) = (answer.ResponseOffset, answer.ResponseLength);
        if (offset < SharedMemoryFile.AlignUp(request.Length) || offset % SharedMemoryFile.Alignment != 0
            || length < 0 || length > _maxMessageBytes || offset + length > file.Length)
        {
            throw new WorkerStatusException(StatusCode.Internal,
                $"The worker answered with bytes [{offset}, +{length}) of its shared-memory file, which are not an answer's place in it "
                + $"(past the request's {request.Length} bytes, on a {SharedMemoryFile.Alignment}-byte boundary, inside the file's {file.Length}).");
        }

        return InferenceAnswer.Shared(file, offset, (int)length);
    }

    private void SendFile(long callId, SharedMemoryFile file)
    {
        if (_files is null)
        {
            throw new WorkerUnavailableException("The worker has no descriptor channel for shared-memory requests.");
        }

        Span<byte> id = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(id, callId);
        try
        {
            DescriptorChannel.Send(_files, id, file.Handle);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw new WorkerUnavailableException($"The worker's descriptor channel refused the request's file: {e.Message}", e);
        }
    }
}
