using System.Net;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Sessions;
using Cuvis.Sandbox.Supervisor.Workers;
using Google.Protobuf;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.SharedInputs;

/// <summary>
/// Resolves the shm_ref input tensors of an InferenceRequest into one of the session's
/// shared-memory arenas, so the worker reads them as it reads any large request: the request is
/// written there with each referenced segment's bytes in place of its shm_ref, as raw_data,
/// copied once by the kernel from the client's read-only mapping. Nothing of a segment is read
/// until every reference is checked: the client may pass segments (loopback only, unless
/// configured), each name is a checked segment name with the configured prefix, byte_size is
/// exactly shape x itemsize, the segment holds byte_offset + byte_size bytes and is readable by the
/// client's own user. Any failure retires the arena; the session is left as it was.
/// </summary>
internal sealed class SharedInputResolver(IOptions<SharedInputOptions> options)
{
    /// <returns>The call, with the request in an arena; null when no tensor is passed by shm_ref.</returns>
    public InferenceCall? Resolve(InferenceRequest request, ConnectionInfo connection, Func<SessionArenas> arenasOf)
    {
        var shared = SharedTensor.In(request.Inputs);
        if (shared.Count == 0)
        {
            return null;
        }

        var settings = options.Value;
        var first = shared[0].Field + ".shm_ref";
        if (!settings.Enabled || !OperatingSystem.IsLinux())
        {
            throw new SharedInputsDeniedException(first, settings.Enabled
                ? "shared-memory tensors are read on Linux hosts only"
                : "this server takes no shared-memory tensors (SharedMemoryInputs:Enabled is false)");
        }

        var remote = connection.RemoteIpAddress is not { } address || !IPAddress.IsLoopback(address);
        if (remote && !settings.AllowRemoteClients)
        {
            throw new SharedInputsDeniedException(first,
                $"the call comes from {connection.RemoteIpAddress?.ToString() ?? "an unknown address"}, not loopback: a segment name means something only on the server's own host (SharedMemoryInputs:AllowRemoteClients)");
        }

        var peerUid = remote ? null : LoopbackPeer.UidOf(connection.RemoteIpAddress!, connection.RemotePort, connection.LocalIpAddress!, connection.LocalPort);
        if (!remote && peerUid is null)
        {
            throw new SharedInputsDeniedException(first, "the client's user could not be found for its connection, so its segments cannot be checked as its own");
        }

        var segments = new List<ClientSegment>(shared.Count);
        try
        {
            foreach (var tensor in shared)
            {
                segments.Add(Open(tensor, settings, peerUid));
            }

            return Write(request, shared, segments, arenasOf());
        }
        finally
        {
            foreach (var segment in segments)
            {
                segment.Dispose();
            }
        }
    }

    private static ClientSegment Open(SharedTensor tensor, SharedInputOptions settings, uint? peerUid)
    {
        var field = tensor.Field + ".shm_ref";
        var reference = tensor.Tensor.ShmRef;
        var name = ShmRefName.Parse(reference.Name, settings.NamePrefix, field + ".name");
        var expected = tensor.ExpectedBytes();
        if (reference.ByteSize != (ulong)expected)
        {
            throw new ShmRefException(
                $"byte_size is {reference.ByteSize:N0}, but shape [{string.Join(", ", tensor.Tensor.Shape)}] of {tensor.Tensor.Dtype} takes exactly {expected:N0} bytes",
                field + ".byte_size");
        }

        if (reference.ByteOffset > long.MaxValue)
        {
            throw new ShmRefException($"byte_offset {reference.ByteOffset:N0} is beyond any segment", field + ".byte_offset");
        }

        return ClientSegment.Open(settings.Directory, name, (long)reference.ByteOffset, expected, peerUid, field);
    }

    /// <summary>
    /// The request as the client would have sent it with raw_data: everything but the shared
    /// tensors serialised as usual, then each shared tensor as its own field (a message field and a
    /// map entry may come in any order), its bytes copied in from the segment.
    /// </summary>
    private static InferenceCall Write(InferenceRequest request, List<SharedTensor> shared, List<ClientSegment> segments, SessionArenas arenas)
    {
        var rest = request.Inputs.Clone();
        foreach (var tensor in shared)
        {
            tensor.RemoveFrom(rest);
        }

        var top = request.Clone();
        top.Inputs = null;
        var heads = new List<byte[]>(shared.Count);
        var batchLength = (long)rest.CalculateSize();
        for (var i = 0; i < shared.Count; i++)
        {
            heads.Add(Head(shared[i], segments[i].Length));
            batchLength += heads[i].Length + segments[i].Length;
        }

        var arena = arenas.Rent();
        try
        {
            long offset = 0;
            void Put(byte[] bytes)
            {
                RandomAccess.Write(arena.File.Handle, bytes, offset);
                offset += bytes.Length;
            }

            Put(top.ToByteArray());
            Put(Prefix(InferenceRequest.InputsFieldNumber, batchLength));
            Put(rest.ToByteArray());
            for (var i = 0; i < shared.Count; i++)
            {
                Put(heads[i]);
                try
                {
                    segments[i].CopyTo(arena.File.Handle, offset);
                }
                catch (IOException e)
                {
                    throw new ShmRefException(
                        $"segment '{shared[i].Tensor.ShmRef.Name}' could not be read whole ({e.Message}); it shrank or was removed while the call read it: keep it unchanged until the answer",
                        shared[i].Field + ".shm_ref.name");
                }

                offset += segments[i].Length;
            }

            return InferenceCall.Shared(request.SessionId, arena, arenas, offset);
        }
        catch
        {
            arenas.Retire(arena);
            throw;
        }
    }

    /// <summary>The field's tag and lengths up to the tensor's raw_data bytes: [extra_inputs entry with key,] tensor, shape and dtype, raw_data's tag and length.</summary>
    private static byte[] Head(SharedTensor shared, long dataLength)
    {
        var tensor = new Tensor { Dtype = shared.Tensor.Dtype };
        tensor.Shape.Add(shared.Tensor.Shape);
        var tensorHead = Concat(tensor.ToByteArray(), Prefix(Tensor.RawDataFieldNumber, dataLength));
        var tensorLength = tensorHead.Length + dataLength;
        if (shared.MapKey is null)
        {
            return Concat(Prefix(shared.FieldNumber, tensorLength), tensorHead);
        }

        var key = Concat(Prefix(1, System.Text.Encoding.UTF8.GetByteCount(shared.MapKey)), System.Text.Encoding.UTF8.GetBytes(shared.MapKey));
        var valuePrefix = Prefix(2, tensorLength);
        return Concat(Prefix(shared.FieldNumber, key.Length + valuePrefix.Length + tensorLength), key, valuePrefix, tensorHead);
    }

    /// <summary>A length-delimited field's tag and length.</summary>
    private static byte[] Prefix(int field, long length)
    {
        var bytes = new byte[16];
        var output = new CodedOutputStream(bytes);
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteUInt64((ulong)length);
        output.Flush();
        return bytes[..(int)output.Position];
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
