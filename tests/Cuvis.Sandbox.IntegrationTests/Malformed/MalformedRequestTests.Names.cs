using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Cuvis.Sandbox.IntegrationTests.Malformed;

public sealed partial class MalformedRequestTests
{
    private static readonly byte[] InvalidUtf8 = [0x6E, 0xC3, 0x28, 0xFF];

    [Fact]
    public async Task InvalidUtf8_InSessionIdsPortNamesNodeNamesAndPluginNames_IsInvalidArgument()
    {
        var session = await bench.AttackSessionAsync();
        var tensor = PipelineSession.Wire(Cube, 1, 2, 2, 3).ToByteArray();
        byte[] Entry(byte[] key) => ProtobufWire.Field(7, [.. ProtobufWire.Field(1, key), .. ProtobufWire.Field(2, tensor)]);
        byte[] Document(byte[] name) => [.. "nodes: [{name: "u8, .. name, .. ", class: MinMaxNormalizer}]"u8];
        (string Case, string Method, byte[] Message, string Says)[] cases =
        [
            ("session id", "Inference", ProtobufWire.Field(1, InvalidUtf8), "String is invalid UTF-8"),
            ("port name (extra_inputs key)", "Inference", [.. ProtobufWire.Field(1, session), .. ProtobufWire.Field(2, Entry(InvalidUtf8))], "String is invalid UTF-8"),
            ("output spec", "Inference", [.. ProtobufWire.Field(1, session), .. ProtobufWire.Field(3, InvalidUtf8)], "String is invalid UTF-8"),
            ("plugin name", "GetPluginInfo", [.. ProtobufWire.Field(1, session), .. ProtobufWire.Field(2, InvalidUtf8)], "String is invalid UTF-8"),
            ("plugin name to clear", "ClearPluginCache", ProtobufWire.Field(1, InvalidUtf8), "String is invalid UTF-8"),
            ("node name", "LoadPipeline", [.. ProtobufWire.Field(1, session), .. ProtobufWire.Field(2, ProtobufWire.Field(1, Document(InvalidUtf8)))],
                "not valid UTF-8 (byte"),
            ("node name, valid UTF-8 but not an identifier", "LoadPipeline",
                [.. ProtobufWire.Field(1, session), .. ProtobufWire.Field(2, ProtobufWire.Field(1, Document("nörm"u8.ToArray())))], "is not an identifier"),
            ("plugin name in the manifest", "LoadPlugins",
                [.. ProtobufWire.Field(1, session), .. ProtobufWire.Field(2, ProtobufWire.Field(1, [.. "{\"plugins\": {\""u8, .. InvalidUtf8, .. "\": {}}}"u8]))],
                "not valid UTF-8 (byte"),
        ];
        var withForeignKey = Request(session);
        withForeignKey.Inputs.ExtraInputs["dätä_名前"] = PipelineSession.Wire(new[] { 1f }, 1);
        using var raw = new RawGrpcClient(bench.Supervisor.Address);

        await bench.AttackAsync(output, "invalid UTF-8 in a session id, a port name, an output spec, plugin names, a node name; non-ASCII names", async () =>
        {
            foreach (var (name, method, message, says) in cases)
            {
                var outcome = await raw.CallAsync(method, ProtobufWire.Frame(message));
                outcome.Should().Match<RawOutcome>(o => o.Status == StatusCode.InvalidArgument && o.Message.Contains(says), $"{name}: {outcome}");
            }

            // A well-formed key no port takes is ignored, as cuvis-ai ignores batch keys it does not bind.
            var answer = await bench.Supervisor.Client.InferenceAsync(withForeignKey, deadline: DateTime.UtcNow.AddSeconds(60));
            answer.Outputs.Keys.Should().Equal("norm.normalized");
            await AssertAnswersAsync(session);
            return "INVALID_ARGUMENT saying the string is not UTF-8 (protobuf strings) or where (pipeline documents); "
                + "a non-ASCII node name is not an identifier; an unbound non-ASCII key is ignored";
        });
    }

    [Fact]
    public async Task SessionIdsThatAreNotUuids_AreNotFound_QuotedShortAndClean_AndTouchNoSession()
    {
        var session = await bench.AttackSessionAsync();
        string[] ids =
        [
            "", "not-a-uuid", "../../../etc/passwd", session.ToUpperInvariant(), session + " ", session + "\n", " " + session,
            "{" + session + "}", new string('a', 1_000_000), "\0", "a\u001b[2J\u001b[31mred", "s-" + session[..8],
        ];

        await bench.AttackAsync(output, "session ids that are not UUIDs: empty, path traversal, a live id in upper case or padded or braced, 1 MB, NUL, "
            + "terminal escapes", async () =>
        {
            foreach (var id in ids)
            {
                foreach (var call in SessionCalls(id))
                {
                    var (status, detail) = await AttackBench.FailureOfAsync(call);
                    status.Should().Be(StatusCode.NotFound, detail);
                    detail.Should().StartWith("Session '").And.EndWith("not found: session ids are the UUIDs CreateSession returns");
                    detail.Length.Should().BeLessThan(200, "a client's id is not echoed whole");
                    detail.Should().NotContain("\u001b").And.NotContain("\0").And.NotContain("\n");
                }
            }

            await AssertAnswersAsync(session);
            return "NOT_FOUND \"Session '<id, cut at 64 characters, control characters as ?>' not found: session ids are the UUIDs CreateSession returns\"; "
                + "the live session is untouched";
        });
    }

    [Fact]
    public async Task SixtyFourConcurrentGibibyteRequests_ForUnknownSessions_AreRefusedBeforeTheirBodiesAreRead()
    {
        var session = await bench.AttackSessionAsync();
        const long Declared = 1000L << 20;
        var large = new float[2 << 20];
        var legit = new InferenceRequest
        {
            SessionId = session,
            Inputs = new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(large, 1, 1024, 512, 4) } },
        };
        ProcessTable.ResetPeakResidentSize(bench.Supervisor.ProcessId);
        var residentBefore = ProcessTable.StatusBytes(bench.Supervisor.ProcessId, "VmHWM");
        long sent = 0;

        await bench.AttackAsync(output, "64 concurrent Inference requests of 1000 MiB each for unknown session ids", async () =>
        {
            using var raw = new RawGrpcClient(bench.Supervisor.Address);
            var contents = Enumerable.Range(0, 64).Select(_ =>
                new RawGrpcClient.LargeContent(Declared, [.. ProtobufWire.Field(1, Guid.NewGuid().ToString()), .. ProtobufWire.Field(2, [])])).ToList();
            var outcomes = await Task.WhenAll(contents.Select(c => raw.CallAsync("Inference", c)));
            outcomes.Should().AllSatisfy(o => o.Should().Match<RawOutcome>(x => x.Status == StatusCode.NotFound && x.Message.EndsWith(" not found")));
            sent += contents.Sum(c => c.Sent);
            // Meanwhile large calls of live sessions still fit in Server:MaxInFlightRequestBytes.
            var answer = await bench.Supervisor.Client.InferenceAsync(legit, deadline: DateTime.UtcNow.AddMinutes(1));
            answer.Outputs["norm.normalized"].RawData.Length.Should().Be(large.Length * sizeof(float));
            return "NOT_FOUND at once for all 64, their bodies unread (the budget untouched); a live session's 8 MiB call answers meanwhile";
        });

        var growth = ProcessTable.StatusBytes(bench.Supervisor.ProcessId, "VmHWM") - residentBefore;
        output.WriteLine($"the client sent {sent >> 20} MiB in all; the supervisor's peak resident size grew {growth >> 20} MiB");
        // Before, two such calls at a time were admitted and read whole: 2 x 1000 MiB held, three times over.
        growth.Should().BeLessThan(512L << 20);
    }

    private IEnumerable<Func<Task>> SessionCalls(string id)
    {
        var client = bench.Supervisor.Client;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        yield return () => client.InferenceAsync(new InferenceRequest { SessionId = id }, deadline: deadline).ResponseAsync;
        yield return () => client.LoadPipelineAsync(new LoadPipelineRequest { SessionId = id }, deadline: deadline).ResponseAsync;
        yield return () => client.ListLoadedPluginsAsync(new ListLoadedPluginsRequest { SessionId = id }, deadline: deadline).ResponseAsync;
        yield return () => client.CloseSessionAsync(new CloseSessionRequest { SessionId = id }, deadline: deadline).ResponseAsync;
    }
}
