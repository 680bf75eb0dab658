using System.Text;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Worker.Grpc;
using Cuvis.Sandbox.Worker.Tensors;

namespace Cuvis.Sandbox.Worker.PluginTests.Grpc;

public sealed class BatchInputsTests
{
    [Fact]
    public void Decode_UpstreamsNewFields_ReachPortsOfTheirNames_InTheDocumentedLayouts()
    {
        var batch = new InputBatch
        {
            Bboxes = new BoundingBoxes { Boxes = { new BoundingBox { ElementId = 0, XMin = 1, YMin = 2, XMax = 3, YMax = 4, ObjectId = 7 }, new BoundingBox { ElementId = 1, XMax = 5, YMax = 6 } } },
            Points = new Points { Points_ = { new Point { ElementId = 1, X = 10, Y = 20, Type = PointType.Negative } } },
            TextPrompt = "grüne Blätter",
            MesuIndex = TensorCodec.Encode(Contracts.Tensor.FromArray(new long[] { 42 }, 1)),
            RgbImage = TensorCodec.Encode(Contracts.Tensor.FromArray(new float[12], 1, 2, 2, 3)),
            FrameId = TensorCodec.Encode(Contracts.Tensor.FromArray(new long[] { 5, 6 }, 2)),
        };

        var inputs = BatchInputs.Decode(batch);

        inputs.Keys.Should().BeEquivalentTo("bboxes", "points", "text_prompt", "mesu_index", "rgb_image", "frame_id");
        inputs["bboxes"].Shape.ToArray().Should().Equal(2, 6);
        inputs["bboxes"].AsReadOnlySpan<float>().ToArray().Should().Equal(0, 1, 2, 3, 4, 7, 1, 0, 0, 5, 6, -1);
        inputs["points"].AsReadOnlySpan<float>().ToArray().Should().Equal(1, 10, 20, 2);
        inputs["text_prompt"].DType.Should().Be(Contracts.DType.UInt8);
        Encoding.UTF8.GetString(inputs["text_prompt"].AsReadOnlySpan<byte>()).Should().Be("grüne Blätter");
        inputs["mesu_index"].AsReadOnlySpan<long>().ToArray().Should().Equal(42);
        inputs["rgb_image"].Shape.ToArray().Should().Equal(1, 2, 2, 3);
        inputs["frame_id"].AsReadOnlySpan<long>().ToArray().Should().Equal(5, 6);
    }

    [Fact]
    public void Decode_AFieldGivenAgainInExtraInputs_IsRefusedNamingIt()
    {
        var batch = new InputBatch { TextPrompt = "x", ExtraInputs = { ["text_prompt"] = TensorCodec.Encode(Contracts.Tensor.FromArray(new byte[] { 1 }, 1)) } };

        var decode = () => BatchInputs.Decode(batch);

        decode.Should().Throw<InvalidTensorException>().WithMessage("Tensor 'text_prompt' is given twice*");
    }
}
