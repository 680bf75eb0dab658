using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Cuvis.Sandbox.IntegrationTests.Malformed;

public sealed partial class MalformedRequestTests
{
    [Fact]
    public async Task UnknownFields_AtEveryLevel_AreIgnored()
    {
        var session = await bench.AttackSessionAsync();
        var tensor = PipelineSession.Wire(Cube, 1, 2, 2, 3).ToByteArray();
        // Numbers neither generation uses (Tensor ends at 4, InputBatch at 10): what a newer client's fields look like to this server.
        byte[] batch = [.. ProtobufWire.Field(7, [.. ProtobufWire.Field(1, "data"), .. ProtobufWire.Field(2, [.. tensor, .. ProtobufWire.Field(5, "newer")])]),
            .. ProtobufWire.Field(11, [1, 2, 3]), .. ProtobufWire.VarintField(12, 7), .. ProtobufWire.Field(99, "x")];
        byte[] request = [.. ProtobufWire.Field(1, session), .. ProtobufWire.Field(2, batch), .. ProtobufWire.VarintField(536_870_911, 1)];
        using var raw = new RawGrpcClient(bench.Supervisor.Address);

        await bench.AttackAsync(output, "unknown fields in InferenceRequest, InputBatch and Tensor", async () =>
        {
            var outcome = await raw.CallAsync("Inference", ProtobufWire.Frame(request));
            outcome.Status.Should().Be(StatusCode.OK, outcome.ToString());
            outcome.ResponseBodyBytes.Should().BeGreaterThan(5, "the outputs come back");
            var pipeline = await raw.CallAsync("GetPipelineOutputs", ProtobufWire.Frame([.. ProtobufWire.Field(1, session), .. ProtobufWire.Field(15, "?")]));
            pipeline.Status.Should().Be(StatusCode.OK, pipeline.ToString());
            return "ignored: the calls answer as without them";
        });
    }

    [Fact]
    public async Task HugeMaps_AMillionTinyExtraInputsOrOutputSpecs_AreRefusedBeforeTheyAreParsed()
    {
        var session = await bench.AttackSessionAsync();
        var million = MillionEntries(session);
        using var raw = new RawGrpcClient(bench.Supervisor.Address);
        var atLimit = Request(session);
        for (var i = 1; i < 1024; i++)
        {
            atLimit.Inputs.ExtraInputs[$"unused_{i}"] = PipelineSession.Wire(new[] { 1f }, 1);
        }

        var specs = Request(session);
        specs.OutputSpecs.Add(Enumerable.Range(0, 1_000_000).Select(i => "x"));
        var specBytes = ProtobufWire.Frame(specs.ToByteArray());
        ProcessTable.ResetPeakResidentSize(bench.Supervisor.ProcessId);
        var residentBefore = ProcessTable.StatusBytes(bench.Supervisor.ProcessId, "VmHWM");

        await bench.AttackAsync(output, "a million tiny extra_inputs entries (23 MB) in one InferenceRequest; a million output_specs", async () =>
        {
            var outcome = await raw.CallAsync("Inference", ProtobufWire.Frame(million));
            outcome.Should().Match<RawOutcome>(o => o.Status == StatusCode.InvalidArgument
                && o.Message.Contains("holds more than 1,024 entries, more than Server:MaxInferenceInputs allows; it was refused before it was parsed"), outcome.ToString());
            var outputs = await raw.CallAsync("Inference", specBytes);
            outputs.Should().Match<RawOutcome>(o => o.Status == StatusCode.InvalidArgument && o.Message.Contains("more than 1,024 output_specs"), outputs.ToString());
            // At the limit: the unused keys are ignored, as cuvis-ai ignores batch keys no port takes.
            var answer = await bench.Supervisor.Client.InferenceAsync(atLimit, deadline: DateTime.UtcNow.AddSeconds(60));
            HealthySession.IsNormalized(PipelineSession.Values<float>(answer.Outputs["norm.normalized"])).Should().BeTrue();
            return "INVALID_ARGUMENT naming Server:MaxInferenceInputs (1024), before parsing; 1024 entries answer correctly";
        });

        var growth = ProcessTable.StatusBytes(bench.Supervisor.ProcessId, "VmHWM") - residentBefore;
        output.WriteLine($"supervisor peak resident size grew {growth >> 20} MiB");
        // Parsed, the million entries took ~380 MiB of the supervisor's memory (and ~11 s of CPU over both processes).
        growth.Should().BeLessThan(200L << 20);
    }

    [Fact]
    public async Task AbsurdTensors_ShapesAndDTypesNoNumpyArrayHas_AreInvalidArgumentNamingTheTensor()
    {
        var session = await bench.AttackSessionAsync();
        Tensor Shaped(DType dtype, byte[] data, params long[] shape)
        {
            var tensor = new Tensor { Dtype = dtype, RawData = ByteString.CopyFrom(data) };
            tensor.Shape.Add(shape);
            return tensor;
        }

        (string Case, Tensor Tensor, string Says)[] cases =
        [
            ("dtype 99", Shaped((DType)99, new byte[48], 1, 2, 2, 3), "dtype is unknown (99)"),
            ("65 dimensions", Shaped(DType.Float32, new byte[4], [.. Enumerable.Repeat(1L, 65)]), "has more than 64 dimensions"),
            ("a million dimensions", Shaped(DType.Float32, new byte[4], [.. Enumerable.Repeat(1L, 1_000_000)]), "has more than 64 dimensions"),
            ("long.MinValue", Shaped(DType.Float32, [], long.MinValue, 1, 1, 1), "dimension 0 is -9223372036854775808"),
            ("2^62 x 2^62", Shaped(DType.Uint8, [1], 1L << 62, 1L << 62, 1, 1), "too large"),
            ("zero-size with data", Shaped(DType.Float32, new byte[16], 1, 0, 2, 3), "needs 0 bytes of raw_data, got 16"),
            ("more data than the shape", Shaped(DType.Float32, new byte[52], 1, 2, 2, 3), "needs 48 bytes of raw_data, got 52"),
            ("rank 1 for a BHWC port", Shaped(DType.Float32, new byte[48], 12), "data"),
            ("bool for a float port", Shaped(DType.Bool, new byte[12], 1, 2, 2, 3), "data"),
        ];

        await bench.AttackAsync(output, "absurd tensors: dtype 99, 65 and a million dimensions, long.MinValue, 2^124 elements, data beside a zero size, "
            + "extra bytes, wrong rank and dtype", async () =>
        {
            foreach (var (name, tensor, says) in cases)
            {
                var request = new InferenceRequest { SessionId = session, Inputs = new InputBatch { ExtraInputs = { ["data"] = tensor } } };
                var (status, detail) = await AttackBench.FailureOfAsync(() => bench.Supervisor.Client.InferenceAsync(request, deadline: DateTime.UtcNow.AddSeconds(60)).ResponseAsync);
                (status, detail).Should().Match<(StatusCode Status, string Detail)>(f => f.Status == StatusCode.InvalidArgument && f.Detail.Contains(says), name);
            }

            await AssertAnswersAsync(session);
            return "INVALID_ARGUMENT naming the tensor and what is wrong; the session answers as before";
        });
    }

    /// <summary>An InferenceRequest of a million <c>extra_inputs</c> entries <c>k0</c>, <c>k1</c>, ..., each a one-float tensor: 23 MB.</summary>
    private static byte[] MillionEntries(string session)
    {
        // Field 2 of the entry: a Tensor of dtype FLOAT32 (field 2), shape [1] (field 1, packed) and four bytes (field 3).
        byte[] tensor = [0x12, 11, 0x10, 0x01, 0x0A, 0x01, 0x01, 0x1A, 0x04, 0, 0, 0, 0];
        using var batch = new MemoryStream(24_000_000);
        for (var i = 0; i < 1_000_000; i++)
        {
            var key = System.Text.Encoding.ASCII.GetBytes("k" + i);
            // An entry: key (field 1) and tensor (field 2), lengths under 128 so one byte each.
            batch.Write([0x3A, (byte)(2 + key.Length + tensor.Length), 0x0A, (byte)key.Length]);
            batch.Write(key);
            batch.Write(tensor);
        }

        return [.. ProtobufWire.Field(1, session), .. ProtobufWire.Field(2, batch.ToArray())];
    }
}
