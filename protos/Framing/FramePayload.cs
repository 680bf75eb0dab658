using System.Buffers;
using Grpc.Core;

namespace Cuvis.Sandbox.Protos.Framing;

/// <summary>A received frame's payload as a gRPC marshaller reads it.</summary>
public sealed class FramePayload(ReadOnlyMemory<byte> payload) : DeserializationContext
{
    public override int PayloadLength => payload.Length;

    public override byte[] PayloadAsNewBuffer() => payload.ToArray();

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(payload);
}
