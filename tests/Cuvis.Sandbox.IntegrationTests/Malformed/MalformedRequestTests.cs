using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Malformed;

/// <summary>
/// Requests no well-behaved client sends, through the public port of one real supervisor: gRPC
/// framing that lies, HTTP/2 frames cut short, unknown fields, huge maps, absurd tensors, names
/// that are not UTF-8, session ids that are not ids, floods for unknown sessions, and hostile
/// pipeline documents. Each ends in a clear status (or the right answer), costs the healthy
/// session beside it nothing, and leaves the attacked session as it was.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed partial class MalformedRequestTests(ITestOutputHelper output, SharedPlugins plugins, AttackBench bench) : IAsyncLifetime
{
    private const long MaxMessageBytes = 1L << 30;

    private static readonly float[] Cube = [.. Enumerable.Range(0, 12).Select(i => (float)i)];

    [Fact]
    public async Task GrpcFraming_PrefixesThatLie_BodiesCutShort_AndOversizedMessages_EndInAClearStatus()
    {
        var session = await bench.AttackSessionAsync();
        var request = Request(session).ToByteArray();
        using var raw = new RawGrpcClient(bench.Supervisor.Address);
        (string Case, Func<Task<RawOutcome>> Call, StatusCode Status, string Says)[] cases =
        [
            ("length prefix longer than the body", () => raw.CallAsync("Inference", ProtobufWire.Frame(request, request.Length + 100)),
                StatusCode.Internal, "Incomplete message"),
            ("body cut mid-message", () => raw.CallAsync("Inference", ProtobufWire.Frame(request)[..(5 + (request.Length / 2))]),
                StatusCode.Internal, "Incomplete message"),
            ("header cut short", () => raw.CallAsync("Inference", [0, 0, 0]), StatusCode.Internal, "Incomplete message"),
            ("two messages in a unary call", () => raw.CallAsync("Inference", [.. ProtobufWire.Frame(request), .. ProtobufWire.Frame(request)]),
                StatusCode.Internal, "Additional data after the message"),
            ("compressed flag, no grpc-encoding", () => raw.CallAsync("Inference", ProtobufWire.Frame(request, compressed: true)),
                StatusCode.Internal, "grpc-encoding"),
            ("bytes that are not protobuf", () => raw.CallAsync("Inference", ProtobufWire.Frame([0xFF, 0xFF, 0xFF, 0x07])),
                StatusCode.InvalidArgument, "could not be read as a protobuf message"),
            ("message declaring 1 byte over Server:MaxMessageBytes", () => raw.CallAsync("Inference", ProtobufWire.Frame(request, MaxMessageBytes + 1)),
                StatusCode.ResourceExhausted, "more than the 1024 MiB Server:MaxMessageBytes allows; it was refused before it was read"),
            // grpc-dotnet alone answered this UNKNOWN "Exception was thrown by handler.".
            ("message declaring 4 GiB", () => raw.CallAsync("LoadPipeline", ProtobufWire.Frame(request, uint.MaxValue)),
                StatusCode.ResourceExhausted, "declares 4096 MiB (4,294,967,295 bytes)"),
        ];

        await bench.AttackAsync(output, "gRPC framing: prefix longer than the body, body or header cut short, two messages, compressed flag without "
            + "encoding, non-protobuf bytes, 1 GiB + 1 and 4 GiB declared", async () =>
        {
            foreach (var (name, call, status, says) in cases)
            {
                var outcome = await call();
                outcome.Should().Match<RawOutcome>(o => o.Status == status && o.Message.Contains(says), name);
            }

            // A body reset mid-message: the client's own failure; the server ends the call and reads on.
            var aborted = await raw.CallAsync("Inference", new RawGrpcClient.AbortedContent(ProtobufWire.Frame(new byte[100_000], 300L << 20)[..100_005]));
            aborted.Status.Should().BeNull();
            await AssertAnswersAsync(session);
            return "INTERNAL (gRPC's framing errors), INVALID_ARGUMENT (not protobuf), RESOURCE_EXHAUSTED naming Server:MaxMessageBytes (unread); reset body: call ended";
        });
    }

    [Fact]
    public async Task RawHttp2_FramesCutShort_OverTheSizeLimit_OrAbandoned_CostOnlyTheirConnection()
    {
        var session = await bench.AttackSessionAsync();
        var header = ProtobufWire.Frame(Request(session).ToByteArray(), 300L << 20);

        await bench.AttackAsync(output, "HTTP/2 frames: DATA header promising 16 KiB then the connection dropped; a frame over SETTINGS_MAX_FRAME_SIZE; "
            + "HEADERS then silence", async () =>
        {
            await using (var cut = await RawHttp2Connection.OpenAsync(bench.Supervisor.Port))
            {
                await cut.SendRequestHeadersAsync(1, "Inference");
                await cut.SendFrameAsync(RawHttp2Connection.Data, 0, 1, header, declaredLength: 16_384);
                await Task.Delay(100);
            }

            await using (var oversized = await RawHttp2Connection.OpenAsync(bench.Supervisor.Port))
            {
                await oversized.SendRequestHeadersAsync(1, "Inference");
                await oversized.SendFrameAsync(RawHttp2Connection.Data, 0, 1, new byte[16_385]);
                var frames = await oversized.ReadFramesAsync(TimeSpan.FromSeconds(10), until: f => f.Type == RawHttp2Connection.GoAway);
                frames.Should().Contain(f => f.GoAwayError == 6, "a frame over the peer's limit is a FRAME_SIZE_ERROR (RFC 9113 §4.2)");
            }

            await using (var silent = await RawHttp2Connection.OpenAsync(bench.Supervisor.Port))
            {
                await silent.SendRequestHeadersAsync(1, "Inference");
                await silent.SendDataAsync(1, header[..40], endStream: false);
                await Task.Delay(100);
            }

            await AssertAnswersAsync(session);
            return "GOAWAY FRAME_SIZE_ERROR for the oversized frame; dropped connections end their calls and give back their reservations";
        });
    }

    public Task InitializeAsync() => bench.StartOnceAsync(output, plugins);

    public Task DisposeAsync() => Task.CompletedTask;

    private static InferenceRequest Request(string session) =>
        new() { SessionId = session, Inputs = new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(Cube, 1, 2, 2, 3) } } };

    /// <summary>The attacked session still answers its pipeline correctly.</summary>
    private async Task AssertAnswersAsync(string session)
    {
        var response = await bench.Supervisor.Client.InferenceAsync(Request(session), deadline: DateTime.UtcNow.AddSeconds(60));
        HealthySession.IsNormalized(PipelineSession.Values<float>(response.Outputs["norm.normalized"])).Should().BeTrue();
    }
}
