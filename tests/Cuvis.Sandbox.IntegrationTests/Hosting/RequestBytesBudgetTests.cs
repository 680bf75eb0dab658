using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Hosting;

/// <summary>
/// The public port's budget of in-flight request bytes, against the real supervisor: of a burst of
/// large Inference calls, those beyond the budget are refused before they are read, and the
/// supervisor's memory, read from /proc, grows with the budget instead of with the burst.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed class RequestBytesBudgetTests(ITestOutputHelper output, SharedPlugins plugins) : IntegrationTest(output)
{
    private const int MiB = 1024 * 1024;
    private const long Budget = 96 * MiB;
    private const int MaxMessageBytes = 64 * MiB;
    private const int Burst = 8;

    // With its framing, two such requests fit in the budget at once (2 x 47.9 MiB) and a third does not.
    private const int CubeBytes = (48 * MiB) - (64 * 1024);

    // Growth of the supervisor's peak resident size over its size before the burst. At most Budget
    // bytes are admitted at once, and the supervisor holds each admitted byte about three times:
    // in Kestrel's request pipe (grpc-dotnet buffers a whole message before parsing it), in the
    // parsed ByteString, and re-serialised toward the worker: 3 x 96 = 288 MiB. The fourth Budget
    // is slack for the GC, which frees those large arrays late, and for what Kestrel buffers of
    // refused streams before their header is read (at most its 16 MiB connection window). Without
    // the budget all 8 calls are admitted: 8 x 47.9 MiB x 3 = 1150 MiB, three times this bound
    // (measured on a 2-core machine: 1179 MiB of growth unbounded, 300 MiB with the budget).
    private const long AllowedGrowthBytes = 4 * Budget;

    private static readonly TimeSpan BurstTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task InferenceBurst_OverTheBudget_IsPartlyRefusedAndTheSupervisorsMemoryStaysBounded()
    {
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument, "--max-message-bytes", $"{MaxMessageBytes}", "--max-in-flight-bytes", $"{Budget}");
        var sessionId = await supervisor.CreateSessionAsync();
        var baseline = StatusBytes(supervisor, "VmRSS");

        var outcomes = await BurstAsync(supervisor, sessionId, Cube(CubeBytes));

        var growth = StatusBytes(supervisor, "VmHWM") - baseline;
        Output.WriteLine($"{Refused(outcomes).Count} of {Burst} refused; peak RSS grew {growth / MiB} MiB (bound {AllowedGrowthBytes / MiB} MiB)");
        Refused(outcomes).Should().NotBeEmpty().And.AllSatisfy(o => o.Detail.Should()
            .Contain("Server:MaxInFlightRequestBytes = 96 MiB").And.Contain("refused before it was read"));
        // Admitted calls crossed the supervisor whole: the worker parsed them and gave its own verdict.
        Admitted(outcomes).Should().NotBeEmpty().And.AllSatisfy(o =>
            o.Should().Match<Outcome>(x => x.Code == StatusCode.FailedPrecondition && x.Detail.Contains("No pipeline is loaded")));
        growth.Should().BeLessThan(AllowedGrowthBytes, "the budget bounds what the supervisor buffers");
    }

    [Fact]
    public async Task InferenceBurst_WithoutABudget_BreaksTheBoundTheBudgetKeeps()
    {
        // The control: the same burst on a supervisor whose budget fits it all, so that the bound
        // above is one that an unbounded server fails.
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument, "--max-message-bytes", $"{MaxMessageBytes}", "--max-in-flight-bytes", $"{8L * 1024 * MiB}");
        var sessionId = await supervisor.CreateSessionAsync();
        var baseline = StatusBytes(supervisor, "VmRSS");

        var outcomes = await BurstAsync(supervisor, sessionId, Cube(CubeBytes));

        var growth = StatusBytes(supervisor, "VmHWM") - baseline;
        Output.WriteLine($"unbounded: peak RSS grew {growth / MiB} MiB (bound {AllowedGrowthBytes / MiB} MiB)");
        Refused(outcomes).Should().BeEmpty();
        growth.Should().BeGreaterThan(AllowedGrowthBytes);
    }

    [Fact]
    public async Task AfterARefusedBurst_ACallOfNearlyTheWholeBudgetSucceeds()
    {
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument, "--max-message-bytes", $"{MaxMessageBytes}", "--max-in-flight-bytes", $"{Budget}");
        var kit = plugins.Kit;
        var session = await PipelineSession.CreateAsync(supervisor, kit);
        (await session.LoadPipelineAsync("nodes: [{name: p, class: Passthrough}]")).Success.Should().BeTrue();

        var outcomes = await BurstAsync(supervisor, session.Id, Cube(CubeBytes));
        Refused(outcomes).Should().NotBeEmpty();
        Admitted(outcomes).Should().NotBeEmpty().And.OnlyContain(o => o.Code == StatusCode.OK);

        // 63 MiB fits only while at most 33 MiB is held: a single 47.9 MiB reservation left behind
        // by the burst would refuse it.
        var bytes = new byte[MaxMessageBytes - MiB];
        new Random(3).NextBytes(bytes);
        var cube = new Tensor { Dtype = DType.Float32, RawData = UnsafeByteOperations.UnsafeWrap(bytes) };
        cube.Shape.Add([1, 1, bytes.Length / 4, 1]);
        var result = await session.InferAsync(new InputBatch { Cube = cube }, "p.cube").WaitAsync(BurstTimeout);

        result.Outputs["p.cube"].RawData.Span.SequenceEqual(bytes).Should().BeTrue();
    }

    [Fact]
    public async Task CompressedInferenceBurst_IsCountedAtTheLargestMessage_NotAtItsLengthOnTheWire()
    {
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument, "--max-message-bytes", $"{MaxMessageBytes}", "--max-in-flight-bytes", $"{Budget}");
        var sessionId = await supervisor.CreateSessionAsync();

        // 40 MiB of zeros gzip to about 40 KiB, small by their length on the wire; gRPC inflates
        // them again before parsing. Counted at 64 MiB, one fits in the budget at a time.
        var outcomes = await BurstAsync(supervisor, sessionId, Cube(40 * MiB), new Metadata { { "grpc-internal-encoding-request", "gzip" } });

        Refused(outcomes).Should().NotBeEmpty().And.AllSatisfy(o => o.Detail.Should()
            .Contain("this compressed request, counted at Server:MaxMessageBytes (64 MiB)").And.Contain("send it uncompressed"));
        Admitted(outcomes).Should().NotBeEmpty().And.AllSatisfy(o =>
            o.Should().Match<Outcome>(x => x.Code == StatusCode.FailedPrecondition && x.Detail.Contains("No pipeline is loaded")));
    }

    private static Tensor Cube(int bytes)
    {
        var cube = new Tensor { Dtype = DType.Float32, RawData = UnsafeByteOperations.UnsafeWrap(new byte[bytes]) };
        cube.Shape.Add([1, 1, bytes / 4, 1]);
        return cube;
    }

    /// <summary>Sends <see cref="Burst"/> Inference calls with <paramref name="cube"/> at once, over one connection.</summary>
    private static async Task<Outcome[]> BurstAsync(SupervisorProcess supervisor, string sessionId, Tensor cube, Metadata? headers = null)
    {
        var calls = Enumerable.Range(0, Burst).Select(async _ =>
        {
            var request = new InferenceRequest { SessionId = sessionId, Inputs = new InputBatch { Cube = cube } };
            try
            {
                await supervisor.Client.InferenceAsync(request, headers, DateTime.UtcNow.AddMinutes(2));
                return new Outcome(StatusCode.OK, "");
            }
            catch (RpcException e)
            {
                return new Outcome(e.StatusCode, e.Status.Detail);
            }
        });
        return await Task.WhenAll(calls).WaitAsync(BurstTimeout);
    }

    private static List<Outcome> Refused(Outcome[] outcomes) => [.. outcomes.Where(o => o.Code == StatusCode.ResourceExhausted)];

    private static List<Outcome> Admitted(Outcome[] outcomes) => [.. outcomes.Where(o => o.Code != StatusCode.ResourceExhausted)];

    private static long StatusBytes(SupervisorProcess supervisor, string field) => ProcessTable.StatusBytes(supervisor.ProcessId, field);

    private sealed record Outcome(StatusCode Code, string Detail);
}
