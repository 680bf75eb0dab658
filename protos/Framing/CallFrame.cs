using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;
using Grpc.Core;

namespace Cuvis.Sandbox.Protos.Framing;

/// <summary>
/// One frame of the call channel (<see cref="WorkerProtocol.CallSocketFileName"/>): an 8-byte
/// prefix (the header's length, then the payload's, uint32 little-endian), the header
/// (<c>FramedCall</c> or <c>FramedAnswer</c>) and the payload, a message serialised by its gRPC
/// marshaller. Built in one pooled buffer, so a frame leaves in one send.
/// </summary>
public sealed class CallFrame : SerializationContext, IBufferWriter<byte>, IDisposable
{
    /// <summary>Length of the prefix.</summary>
    public const int PrefixBytes = 8;

    /// <summary>Largest header either end accepts (a call's headers, an answer's status and trailers).</summary>
    public const int MaxHeaderBytes = 1024 * 1024;

    private byte[] _buffer;
    private readonly int _payloadStart;
    private int _written;
    private bool _completed;

    /// <summary>A frame with <paramref name="header"/> and, until the marshaller writes one, no payload.</summary>
    public CallFrame(IMessage header)
    {
        var headerLength = header.CalculateSize();
        if (headerLength > MaxHeaderBytes)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.ResourceExhausted,
                $"The call's headers take {headerLength} bytes; the call channel carries at most {MaxHeaderBytes}."));
        }

        _payloadStart = PrefixBytes + headerLength;
        _buffer = FrameBuffers.Rent(_payloadStart + 512);
        header.WriteTo(_buffer.AsSpan(PrefixBytes, headerLength));
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)headerLength);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(4), 0);
        _written = _payloadStart;
    }

    /// <summary>The whole frame, prefix included.</summary>
    public ReadOnlyMemory<byte> Bytes => _buffer.AsMemory(0, _written);

    /// <summary>Length of the payload written so far.</summary>
    public int PayloadLength => _written - _payloadStart;

    /// <summary>Serialises <paramref name="message"/> as the payload with <paramref name="marshaller"/>.</summary>
    public void WritePayload<T>(Marshaller<T> marshaller, T message)
    {
        marshaller.ContextualSerializer(message, this);
        if (!_completed)
        {
            throw new InvalidOperationException($"The marshaller of {typeof(T).Name} did not complete its payload.");
        }
    }

    public override void SetPayloadLength(int payloadLength) => Reserve(payloadLength);

    public override IBufferWriter<byte> GetBufferWriter() => this;

    public override void Complete(byte[] payload)
    {
        payload.CopyTo(GetSpan(payload.Length));
        Advance(payload.Length);
        Complete();
    }

    public override void Complete()
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(4), (uint)PayloadLength);
        _completed = true;
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public void Dispose()
    {
        FrameBuffers.Return(_buffer);
        _buffer = [];
    }

    private void Reserve(int count)
    {
        if (_buffer.Length - _written >= count)
        {
            return;
        }

        var needed = (long)_written + count;
        if (needed > Array.MaxLength)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.ResourceExhausted, $"A call-channel frame of {needed} bytes cannot be built."));
        }

        var larger = FrameBuffers.Rent((int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * _buffer.Length)));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        FrameBuffers.Return(_buffer);
        _buffer = larger;
    }
}
