using CsCheck;
using Cuvis.Sandbox.Tests.Shared;
using Cuvis.Sandbox.Worker.Tensors;
using Google.Protobuf;
using WireTensor = Cuvis.Sandbox.Protos.V1.Tensor;

namespace Cuvis.Sandbox.Worker.Tests.Tensors;

/// <summary>
/// Every tensor of an Inference request goes through <see cref="TensorCodec.Decode"/>. Whatever
/// the message holds, decoding ends in a tensor that matches it or an
/// <see cref="InvalidTensorException"/> naming the tensor, and never allocates by what the shape
/// claims: decoding shares the message's buffer, so it costs a constant and the shape.
/// </summary>
public sealed class TensorCodecPropertyTests
{
    private const long FixedBytes = 64 * 1024;

    // Decode copies the shape (8 bytes per dimension, each taking at least one byte on the wire)
    // and formats it into a message when it refuses it (up to 20 characters per dimension).
    private const long BytesPerInputByte = 64;

    [Fact]
    public void DecodeEncode_GeneratedTensor_RoundTripsItsDTypeShapeAndBytes() =>
        TensorGenerators.Valid.Sample(
            wire =>
            {
                var run = BoundedParse.Run(() => TensorCodec.Decode(wire, "cube", "inputs.cube")).AllocatedWithin(wire.CalculateSize(), FixedBytes, BytesPerInputByte);

                if (run.Exception is not null || !TensorCodec.Encode(run.Value!).Equals(wire))
                {
                    run.Exception.Should().BeNull();
                    TensorCodec.Encode(run.Value!).Should().Be(wire);
                }
            },
            iter: PropertyRuns.Iterations(5000));

    [Fact]
    public void Decode_AbsurdTensor_DecodesConsistentlyOrRefusesNamingTheTensor() =>
        TensorGenerators.Absurd.Sample(wire => CheckOutcome(wire, wire.CalculateSize()), iter: PropertyRuns.Iterations(5000));

    [Fact]
    public void Decode_MutatedMessage_DecodesConsistentlyOrRefusesNamingTheTensor() =>
        Mutations.Of(Gen.OneOf(TensorGenerators.Valid, TensorGenerators.Absurd).Select(TensorGenerators.Bytes), TensorGenerators.Tokens)
            .Sample(CheckMessage, iter: PropertyRuns.Iterations(5000), print: Mutations.Print);

    [Fact]
    public void Decode_RandomMessage_DecodesConsistentlyOrRefusesNamingTheTensor() =>
        Mutations.RandomBytes(TensorGenerators.Tokens).Sample(CheckMessage, iter: PropertyRuns.Iterations(5000), print: Mutations.Print);

    [Theory]
    [InlineData(new long[] { 1L << 40, 1L << 40 })]
    [InlineData(new long[] { 1L << 20, 1L << 20 })]
    [InlineData(new long[] { int.MaxValue })]
    [InlineData(new long[] { long.MaxValue, long.MaxValue, long.MaxValue })]
    public void Decode_TinyMessageClaimingAHugeShape_IsRefusedWithoutAllocatingForIt(long[] shape)
    {
        var wire = new WireTensor { Dtype = Protos.V1.DType.Float64, RawData = ByteString.CopyFrom(new byte[16]) };
        wire.Shape.Add(shape);

        var run = BoundedParse.Run(() => TensorCodec.Decode(wire, "cube", "inputs.cube")).AllocatedWithin(wire.CalculateSize(), FixedBytes, BytesPerInputByte);

        run.Exception.Should().BeOfType<InvalidTensorException>().Which.Message.Should().StartWith("Tensor 'cube': shape [");
    }

    // As the worker receives it: bytes that protobuf parses (or refuses, which gRPC reports), then decoded.
    private static void CheckMessage(byte[] message)
    {
        WireTensor wire;
        try
        {
            wire = WireTensor.Parser.ParseFrom(message);
        }
        catch (InvalidProtocolBufferException)
        {
            return;
        }

        CheckOutcome(wire, message.Length);
    }

    private static void CheckOutcome(WireTensor wire, int size)
    {
        var run = BoundedParse.Run(() => TensorCodec.Decode(wire, "cube", "inputs.cube")).AllocatedWithin(size, FixedBytes, BytesPerInputByte);
        switch (run.Exception)
        {
            case null:
                var tensor = run.Value!;
                var elements = wire.Shape.Aggregate(1L, (product, dimension) => product * dimension);
                if ((int)tensor.DType != (int)wire.Dtype || !tensor.Shape.ToArray().SequenceEqual(wire.Shape)
                    || tensor.ElementCount != elements || tensor.Data.Length != elements * TensorGenerators.ItemSize(wire.Dtype)
                    || !tensor.Data.Span.SequenceEqual(wire.RawData.Span))
                {
                    throw new InvalidOperationException($"Decoded {tensor.DType} [{string.Join(", ", tensor.Shape.ToArray())}] does not match the message {wire}.");
                }

                break;
            case InvalidTensorException refused:
                refused.Message.Should().StartWith("Tensor 'cube': ");
                break;
            default:
                throw new InvalidOperationException($"Decode threw {run.Exception.GetType().Name}, not InvalidTensorException.", run.Exception);
        }
    }
}
