using System.Buffers;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Grpc;
using Google.Protobuf;

namespace Cuvis.Sandbox.Supervisor.Tests.Grpc;

public sealed class ProtobufWireTests
{
    [Fact]
    public void ReadString_FindsTheSessionIdOfASerialisedRequest_WithoutParsingItsTensors()
    {
        var request = new InferenceRequest
        {
            SessionId = "9f0c",
            Inputs = new InputBatch { Cube = new Tensor { Dtype = DType.Float32, RawData = ByteString.CopyFrom(new byte[4096]) } },
        };

        ProtobufWire.ReadString(new ReadOnlySequence<byte>(request.ToByteArray()), field: 1).Should().Be("9f0c");
    }

    [Fact]
    public void ReadString_TakesTheLastOccurrence_AsTheParserDoes()
    {
        byte[] message = [.. Field(1, "first"u8), .. Field(3, "x"u8), .. Field(1, "last"u8)];

        ProtobufWire.ReadString(new ReadOnlySequence<byte>(message), field: 1).Should().Be("last");
        InferenceRequest.Parser.ParseFrom(message).SessionId.Should().Be("last");
    }

    [Fact]
    public void ReadString_IsEmptyWhenTheFieldIsAbsent_AndNullForInvalidUtf8OrAMessageCutShort()
    {
        byte[] withoutIt = Field(3, "x"u8);
        byte[] invalid = Field(1, [0x6E, 0xC3, 0x28, 0xFF]);
        byte[] cutShort = Field(1, "abcdef"u8)[..4];

        ProtobufWire.ReadString(new ReadOnlySequence<byte>(withoutIt), field: 1).Should().Be("");
        ProtobufWire.ReadString(new ReadOnlySequence<byte>(invalid), field: 1).Should().BeNull();
        ProtobufWire.ReadString(new ReadOnlySequence<byte>(cutShort), field: 1).Should().BeNull();
    }

    private static byte[] Field(int number, ReadOnlySpan<byte> payload) => [(byte)((number << 3) | 2), (byte)payload.Length, .. payload];
}
