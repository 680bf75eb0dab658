using Cuvis.Sandbox.Worker.Tensors;
using Google.Protobuf;
using WireDType = Cuvis.Sandbox.Protos.V1.DType;
using WireTensor = Cuvis.Sandbox.Protos.V1.Tensor;

namespace Cuvis.Sandbox.Worker.Tests.Tensors;

public sealed class TensorCodecTests
{
    public static TheoryData<WireDType, int> EveryDType => new()
    {
        { WireDType.Float32, 4 }, { WireDType.Float64, 8 }, { WireDType.Int32, 4 }, { WireDType.Int64, 8 },
        { WireDType.Uint8, 1 }, { WireDType.Bool, 1 }, { WireDType.Float16, 2 }, { WireDType.Uint16, 2 },
    };

    [Theory]
    [MemberData(nameof(EveryDType))]
    public void DecodeEncode_EveryDType_RoundTripsBitExactlyWithoutCopying(WireDType dtype, int itemSize)
    {
        var bytes = Enumerable.Range(0, 2 * 3 * itemSize).Select(i => dtype == WireDType.Bool ? (byte)(i % 2) : (byte)(i * 37 + 11)).ToArray();
        var wire = Wire(dtype, bytes, 2, 3);

        var tensor = TensorCodec.Decode(wire, "t", "inputs.extra_inputs[\"t\"]");
        var back = TensorCodec.Encode(tensor);

        tensor.ElementCount.Should().Be(6);
        tensor.Shape.ToArray().Should().Equal(2, 3);
        back.Dtype.Should().Be(dtype);
        back.Shape.Should().Equal(2, 3);
        back.RawData.ToByteArray().Should().Equal(bytes);
        tensor.Data.Span.Overlaps(wire.RawData.Span).Should().BeTrue("decoding shares the message's buffer");
    }

    [Fact]
    public void Decode_EmptyDimension_IsAValidEmptyTensor()
    {
        var tensor = TensorCodec.Decode(Wire(WireDType.Float32, [], 1, 0, 5), "cube", "inputs.cube");

        tensor.ElementCount.Should().Be(0);
        tensor.Shape.ToArray().Should().Equal(1, 0, 5);
    }

    [Fact]
    public void Decode_Scalar_HasRankZero() =>
        TensorCodec.Decode(Wire(WireDType.Float64, new byte[8]), "s", "inputs.extra_inputs[\"s\"]").Rank.Should().Be(0);

    [Fact]
    public void Decode_UnspecifiedDType_NamesTheTensorAndTheChoices()
    {
        var decode = () => TensorCodec.Decode(Wire(WireDType.Unspecified, new byte[4], 1), "cube", "inputs.cube");

        decode.Should().Throw<InvalidTensorException>().WithMessage("Tensor 'cube': dtype is unspecified; set one of FLOAT32*")
            .Which.Field.Should().Be("inputs.cube.dtype");
    }

    [Fact]
    public void Decode_UnknownDType_IsRefused() =>
        FluentActions.Invoking(() => TensorCodec.Decode(Wire((WireDType)42, new byte[4], 1), "x", "inputs.extra_inputs[\"x\"]"))
            .Should().Throw<InvalidTensorException>().WithMessage("*unknown (42)*");

    [Fact]
    public void Decode_WrongByteCount_SaysWhatWasNeeded()
    {
        var decode = () => TensorCodec.Decode(Wire(WireDType.Float32, new byte[10], 1, 3), "mask", "inputs.mask");

        decode.Should().Throw<InvalidTensorException>().WithMessage("Tensor 'mask': shape [1, 3] of Float32 needs 12 bytes of raw_data, got 10.")
            .Which.Field.Should().Be("inputs.mask.raw_data");
    }

    [Fact]
    public void Decode_NegativeDimension_NamesTheAxis() =>
        FluentActions.Invoking(() => TensorCodec.Decode(Wire(WireDType.Float32, [], 2, -1), "cube", "inputs.cube"))
            .Should().Throw<InvalidTensorException>().WithMessage("Tensor 'cube': dimension 1 is -1*")
            .Which.Field.Should().Be("inputs.cube.shape");

    [Theory]
    [InlineData(new long[] { long.MaxValue, 2 })]
    [InlineData(new long[] { 1 << 20, 1 << 20, 1 << 20 })]
    [InlineData(new long[] { 1024, 1024, 1024 })]
    public void Decode_ShapeWhoseByteSizeOverflows_IsRefusedBeforeAnyAllocation(long[] shape) =>
        FluentActions.Invoking(() => TensorCodec.Decode(Wire(WireDType.Float32, new byte[16], shape), "cube", "inputs.cube"))
            .Should().Throw<InvalidTensorException>().WithMessage("*too large*")
            .Which.Field.Should().Be("inputs.cube.shape");

    [Fact]
    public void Decode_BoolOtherThanZeroOrOne_IsRefused() =>
        FluentActions.Invoking(() => TensorCodec.Decode(Wire(WireDType.Bool, [0, 2], 2), "mask", "inputs.mask"))
            .Should().Throw<InvalidTensorException>().WithMessage("Tensor 'mask': *")
            .Which.Field.Should().Be("inputs.mask.raw_data");

    private static WireTensor Wire(WireDType dtype, byte[] data, params long[] shape)
    {
        var wire = new WireTensor { Dtype = dtype, RawData = ByteString.CopyFrom(data) };
        wire.Shape.Add(shape);
        return wire;
    }
}
