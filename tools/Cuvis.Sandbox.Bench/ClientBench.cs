using Cuvis.Sandbox.Client;
using Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Bench;

/// <summary>
/// Issue 11's row: what Cuvis.Sandbox.Client itself adds to a call. The same calls on the same
/// supervisor, session and channel, through the client (<see cref="CuvisSession"/>) and through the
/// raw generated stub, after rounds of both until the processes' tier-1 JIT is quiet, then sampled
/// in turn. Each way builds its request per call, as a caller holding a cube would, and carries the
/// same deadline. A copy of a 128 MiB tensor costs less time than this machine's noise, so the large
/// call is judged by the bytes the bench process allocated during it instead.
/// </summary>
internal static class ClientBench
{
    private const int CallsPerWarmRound = 200;

    /// <summary>Calls each way whose allocations are summed: outside the timed ones, which would be disturbed by a precise reading.</summary>
    private const int AllocationCalls = 100;

    /// <summary>
    /// The client's own work per call is a request mapped in, a response mapped out and a state
    /// machine (microseconds); 50 us leaves room for the noise on shared cores while still catching a
    /// client that adds a copy, a lock or a second round trip. It judges the median of the paired
    /// differences, which the machine's drift moves less than the difference of the p50s (eight quick
    /// runs on a loaded 2-core machine: -15 to +27 us paired, -29 to +59 us between the p50s).
    /// </summary>
    public static Target SmallCallTarget { get; } = Target.DifferenceAtMost(50, "<= +50 us");

    /// <summary>
    /// A copy of the request's or the answer's tensor would add its 128 MiB. Between one call and the
    /// next of either way the bytes differ by up to ~1 MiB (seen: -785 KiB to +84 KiB), so the line is well above that and far below a copy.
    /// </summary>
    public static Target NoCopy { get; } = Target.DifferenceAtMost(8 << 20, "<= +8 MiB (no copy of the tensor)");

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchContext context)
    {
        var settings = context.Settings;
        var supervisor = await context.SupervisorAsync();
        var stub = supervisor.Stub;
        await using var session = await supervisor.CreateSessionAsync();
        await session.LoadPipelineAsync(Pipelines.Document(Pipelines.MinMax));
        var tiny = Cube.Random(1, 4, 4, 4);
        var tinyBatch = tiny.Batch();

        // The stub's deadline is the client's CallTimeout, so both ways arm the same timer.
        Func<Task> listClient = () => session.ListAvailableNodesAsync();
        Func<Task> listStub = () => StubCallAsync(stub.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = session.Id }, deadline: Deadlines.Inference()));
        Func<Task> inferClient = () => session.InferenceAsync(tinyBatch);
        Func<Task> inferStub = () => StubCallAsync(stub.InferenceAsync(tiny.Request(session.Id), deadline: Deadlines.Inference()));

        int[] processes = [supervisor.ProcessId, supervisor.WorkerOf(session), Environment.ProcessId];
        var (rounds, quiet) = await JitQuiet.WarmUpCallsAsync(processes, [listClient, listStub, inferClient, inferStub], CallsPerWarmRound, settings.WarmUpTimeout);
        var warmUp = JitQuiet.Describe(rounds, CallsPerWarmRound, quiet, "the three processes (supervisor, its worker, the bench)", settings.WarmUpTimeout);
        context.Progress.WriteLine($"Client: {warmUp}");

        var rows = new List<BenchRow>();
        foreach (var (name, viaClient, viaStub) in (ValueTuple<string, Func<Task>, Func<Task>>[])
                 [("ListAvailableNodes", listClient, listStub), ($"Inference of a tiny tensor ({tiny.Describe()}, MinMaxNormalizer)", inferClient, inferStub)])
        {
            var (client, raw) = await InTurnAsync(settings.ClientCalls, viaClient, viaStub);
            var clientBytes = await AllocatedPerCallAsync(AllocationCalls, viaClient);
            var stubBytes = await AllocatedPerCallAsync(AllocationCalls, viaStub);
            context.Progress.WriteLine($"{name}: p50 {Measured.Format(client.P50, Unit.Micros)} through the client, {Measured.Format(raw.P50, Unit.Micros)} through the stub");
            rows.Add(SmallCallRow(name, client, raw, clientBytes, stubBytes,
                $"{settings.ClientCalls} calls each way on one session and channel of the shared supervisor, in turn (the client first in every other pair), {warmUp}"));
        }

        rows.AddRange(await LargeRowsAsync(settings, supervisor, session, context.Progress));
        return rows;
    }

    /// <summary>A small call's row: both p50s, the median of the paired differences (judged) beside the p50s' difference, and the bytes allocated per call.</summary>
    public static BenchRow SmallCallRow(string call, Samples client, Samples stub, double clientBytes, double stubBytes, string setup)
    {
        var paired = client.MedianDifference(stub);
        return new BenchRow($"{call} p50: through Cuvis.Sandbox.Client vs the raw stub", Measured.P50(client).Text, Measured.P50(stub).Text,
            $"{Measured.Signed(paired, Unit.Micros)} paired (p50s {Measured.Signed(client.P50 - stub.P50, Unit.Micros)})",
            SmallCallTarget.Text, SmallCallTarget.Judge(paired, baseline: 0),
            $"{setup}; judged: the median of the differences of the calls paired in turn; "
            + $"the bench allocated {Measured.Format(clientBytes, Unit.Bytes)} per call through the client, {Measured.Format(stubBytes, Unit.Bytes)} through the stub");
    }

    /// <summary>The large call's rows: its time (reported only) and the bytes the bench allocated during it (the least of its calls each way).</summary>
    /// <param name="what">The call's tensor and pipeline, as the measure names them.</param>
    /// <param name="clientTimes">The calls through the client.</param>
    /// <param name="stubTimes">The calls through the raw stub.</param>
    /// <param name="clientBytes">The least any call through the client allocated.</param>
    /// <param name="stubBytes">The least any call through the raw stub allocated.</param>
    public static IEnumerable<BenchRow> LargeRows(string what, Samples clientTimes, Samples stubTimes, long clientBytes, long stubBytes)
    {
        var calls = $"{clientTimes.Count} call{(clientTimes.Count == 1 ? "" : "s")} each way, alternating, after one warm-up through the stub (the session's shared-memory arena)";
        yield return BenchRow.Judged($"Inference of {what} p50: through Cuvis.Sandbox.Client vs the raw stub",
            Measured.P50(clientTimes, withP99: false), Measured.P50(stubTimes, withP99: false), Target.None,
            $"{calls}; reported only: a copy of the tensor costs less than this machine's noise, so the row below is the copy test");
        yield return BenchRow.Judged($"bytes the bench allocates per Inference of {what}: through Cuvis.Sandbox.Client vs the raw stub",
            new Measured(clientBytes, Unit.Bytes), new Measured(stubBytes, Unit.Bytes), NoCopy,
            $"{calls}; GC.GetTotalAllocatedBytes around each call less ArrayPool's refills, the least of them; the stub's own is mostly the answer's tensor, which protobuf's parser copies out of the received message");
    }

    private static async Task<IEnumerable<BenchRow>> LargeRowsAsync(BenchSettings settings, BenchSupervisor supervisor, CuvisSession session, TextWriter progress)
    {
        var cube = LargeTensorBench.LargeCube();
        var batch = cube.Batch();
        Func<Task> viaClient = () => session.InferenceAsync(batch);
        Func<Task> viaStub = () => StubCallAsync(supervisor.Stub.InferenceAsync(cube.Request(session.Id), deadline: Deadlines.Inference()));
        // The session's first large call makes its shared-memory arena, which both ways then reuse; the
        // client's code is the tiny calls', warm already, so one warm-up serves both (--quick's budget).
        await viaStub();

        using var meter = new AllocationMeter();
        var clientTimes = new Samples();
        var stubTimes = new Samples();
        var clientBytes = long.MaxValue;
        var stubBytes = long.MaxValue;
        for (var i = 0; i < settings.ClientLargeCalls; i++)
        {
            var (elapsed, allocated) = await AllocatedDuringAsync(viaClient, meter);
            clientTimes.Add(elapsed);
            clientBytes = Math.Min(clientBytes, allocated);
            (elapsed, allocated) = await AllocatedDuringAsync(viaStub, meter);
            stubTimes.Add(elapsed);
            stubBytes = Math.Min(stubBytes, allocated);
        }

        progress.WriteLine($"128 MiB Inference: p50 {Measured.Format(clientTimes.P50, Unit.Micros)} through the client, {Measured.Format(stubTimes.P50, Unit.Micros)} through the stub; "
                           + $"allocated {Measured.Format(clientBytes, Unit.Bytes)} and {Measured.Format(stubBytes, Unit.Bytes)}");
        return LargeRows($"{Measured.Format(cube.Bytes, Unit.Bytes)} ({cube.Describe()}, MinMaxNormalizer)", clientTimes, stubTimes, clientBytes, stubBytes);
    }

    /// <summary><paramref name="times"/> calls each way, in turn; the client's goes first in every other pair, so neither way always follows the other.</summary>
    private static async Task<(Samples Client, Samples Stub)> InTurnAsync(int times, Func<Task> viaClient, Func<Task> viaStub)
    {
        var client = new Samples();
        var stub = new Samples();
        for (var i = 0; i < times; i++)
        {
            if (i % 2 == 0)
            {
                client.Add(await Timing.OnceAsync(viaClient));
                stub.Add(await Timing.OnceAsync(viaStub));
            }
            else
            {
                stub.Add(await Timing.OnceAsync(viaStub));
                client.Add(await Timing.OnceAsync(viaClient));
            }
        }

        return (client, stub);
    }

    /// <summary>The bytes the whole bench process allocated per call over <paramref name="times"/> calls, the pool's refills left out.</summary>
    private static async Task<double> AllocatedPerCallAsync(int times, Func<Task> call)
    {
        using var meter = new AllocationMeter();
        var before = meter.Allocated;
        await Timing.WarmAsync(times, call);
        return (meter.Allocated - before) / (double)times;
    }

    /// <summary>One call's time, and the bytes the whole bench process allocated during it, the pool's refills left out (read outside the timed part).</summary>
    private static async Task<(TimeSpan Elapsed, long Allocated)> AllocatedDuringAsync(Func<Task> call, AllocationMeter meter)
    {
        var before = meter.Allocated;
        var elapsed = await Timing.OnceAsync(call);
        return (elapsed, meter.Allocated - before);
    }

    /// <summary>A raw call awaited and disposed, as the client disposes each of its own.</summary>
    private static async Task StubCallAsync<TResponse>(Grpc.Core.AsyncUnaryCall<TResponse> call)
    {
        using (call)
        {
            await call.ResponseAsync;
        }
    }
}
