using Cuvis.Sandbox.Protos.SharedMemory;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Worker.Tensors;
using Google.Protobuf;

namespace Cuvis.Sandbox.Worker.Tests.Tensors;

/// <summary>An InferenceShared call's two halves in a real memfd, as the worker reads and writes them.</summary>
public sealed class SharedInferenceTests
{
    [Fact]
    public void ReadRequest_LeavesRoomForAnAnswerAsLargeAsTheRequest_WhichLandsAfterIt()
    {
        var request = new InferenceRequest { SessionId = "s", Inputs = new InputBatch { ExtraInputs = { ["data"] = Tensor(100_000) } } };
        var bytes = request.ToByteArray();
        using var arena = new WorkerArena(SharedMemoryFile.Create(0));
        RandomAccess.Write(arena.File.Handle, bytes, 0);

        var read = SharedInference.ReadRequest(arena, bytes.Length);
        var fileBeforeAnswer = arena.File.Length;
        var answer = new InferenceResponse { Outputs = { ["w.normalized"] = Tensor(99_000) } };
        var (offset, length) = SharedInference.WriteResponse(arena, bytes.Length, answer, int.MaxValue);

        read.Should().Be(request);
        fileBeforeAnswer.Should().Be(SharedMemoryFile.AlignUp(bytes.Length) + bytes.Length);
        arena.File.Length.Should().Be(fileBeforeAnswer, "an answer no larger than the request fits the room left for it");
        offset.Should().Be(SharedMemoryFile.AlignUp(bytes.Length));
        InferenceResponse.Parser.ParseFrom(arena.Span(offset, length)).Should().Be(answer);
    }

    private static Protos.V1.Tensor Tensor(int bytes)
    {
        var tensor = new Protos.V1.Tensor { Dtype = DType.Uint8, RawData = ByteString.CopyFrom(new byte[bytes]) };
        tensor.Shape.Add(bytes);
        return tensor;
    }
}
