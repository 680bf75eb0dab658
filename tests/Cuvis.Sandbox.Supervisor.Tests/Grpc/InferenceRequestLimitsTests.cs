using System.Buffers;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Grpc;
using Google.Protobuf;

namespace Cuvis.Sandbox.Supervisor.Tests.Grpc;

public sealed class InferenceRequestLimitsTests
{
    private const int MaxInputs = 8;

    [Fact]
    public void Check_AtTheLimits_Passes()
    {
        var request = Request(entries: MaxInputs, rank: InferenceRequestLimits.MaxTensorRank);
        request.OutputSpecs.Add(Enumerable.Range(0, MaxInputs).Select(i => $"n.p{i}"));

        var check = () => Check(request.ToByteArray());

        check.Should().NotThrow();
    }

    [Fact]
    public void Check_MoreExtraInputsThanTheLimit_IsRefusedNamingTheSetting()
    {
        var check = () => Check(Request(entries: MaxInputs + 1, rank: 1).ToByteArray());

        check.Should().Throw<MalformedRequestException>().Which.Message.Should()
            .StartWith("The InferenceRequest's inputs.extra_inputs holds more than 8 entries, more than Server:MaxInferenceInputs allows");
    }

    [Fact]
    public void Check_MoreOutputSpecsThanTheLimit_IsRefusedNamingTheSetting()
    {
        var request = Request(entries: 0, rank: 1);
        request.OutputSpecs.Add(Enumerable.Range(0, MaxInputs + 1).Select(i => $"n.p{i}"));

        var check = () => Check(request.ToByteArray());

        check.Should().Throw<MalformedRequestException>().Which.Message.Should().Contain("more than 8 output_specs").And.Contain("Server:MaxInferenceInputs");
    }

    [Fact]
    public void Check_ShapeOfTooManyDimensions_PackedOrNot_IsRefusedNamingTheTensor()
    {
        var packed = () => Check(Request(entries: 1, rank: InferenceRequestLimits.MaxTensorRank + 1).ToByteArray());
        // Field 1 of a Tensor, one varint per dimension: what a parser must accept besides the packed form.
        var unpacked = Enumerable.Range(0, 65).SelectMany(_ => new byte[] { 0x08, 0x01 }).ToArray();
        // inputs (field 2) { cube (field 2) { 65 x shape (field 1) } }, lengths 133 and 130 as two-byte varints.
        var loose = () => Check([0x12, 0x85, 0x01, 0x12, 0x82, 0x01, .. unpacked]);

        packed.Should().Throw<MalformedRequestException>().Which.Message.Should().StartWith("Tensor 'k0' has more than 64 dimensions");
        loose.Should().Throw<MalformedRequestException>().Which.Message.Should().StartWith("Tensor 'cube' has more than 64 dimensions");
    }

    [Fact]
    public void Check_ACubeSentTwice_CountsTheShapesTheParserWouldMerge()
    {
        var half = new InferenceRequest { Inputs = new InputBatch { Cube = Tensor(40) } }.ToByteArray();

        var check = () => Check([.. half, .. half]);

        check.Should().Throw<MalformedRequestException>().Which.Message.Should().StartWith("Tensor 'cube' has more than 64 dimensions");
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0x12, 0x7F, 0x3A })]
    [InlineData(new byte[] { 0x0B, 0x0C })]
    public void Check_WhatItCannotRead_IsLeftToTheParser(byte[] message)
    {
        var check = () => Check(message);

        check.Should().NotThrow();
    }

    private static void Check(byte[] message) => InferenceRequestLimits.Check(new ReadOnlySequence<byte>(message), MaxInputs);

    private static InferenceRequest Request(int entries, int rank)
    {
        var request = new InferenceRequest { SessionId = "0b8c2b1e-8a57-4f5e-9d3b-2a8f4c1d9e77", Inputs = new InputBatch { Cube = Tensor(1) } };
        for (var i = 0; i < entries; i++)
        {
            request.Inputs.ExtraInputs[$"k{i}"] = Tensor(rank);
        }

        return request;
    }

    private static Tensor Tensor(int rank)
    {
        var tensor = new Tensor { Dtype = DType.Float32, RawData = ByteString.CopyFrom(new byte[4]) };
        tensor.Shape.Add(Enumerable.Repeat(1L, rank));
        return tensor;
    }
}
