using System.Diagnostics;
using Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Bench;

/// <summary>
/// Row 2: small session-scoped calls through the supervisor against the same calls made directly
/// to a worker. The three processes (supervisor, its worker, the direct worker) are first called
/// in rounds until their tiered compilers are quiet, and the two ways are then sampled in turn,
/// one call each, so a busy moment of the shared cores lands on both. The session and pipelines
/// are set up through Cuvis.Sandbox.Client, but both ways are timed on raw generated stubs: the
/// direct worker's API is private, so the client cannot call it, and the client on one side only
/// would add its own cost to the relay's. That cost is <see cref="ClientBench"/>'s row.
/// </summary>
internal static class RelayBench
{
    private const int CallsPerWarmRound = 200;

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchContext context)
    {
        var settings = context.Settings;
        var supervisor = await context.SupervisorAsync();
        var direct = await context.DirectWorkerAsync();
        await using var session = await supervisor.CreateSessionAsync();
        await session.LoadPipelineAsync(Pipelines.Document(Pipelines.MinMax));
        await direct.Client.LoadPipelineAsync(Pipelines.Load(direct.SessionId, Pipelines.MinMax), deadline: Deadlines.Control());
        var tiny = Cube.Random(1, 4, 4, 4);
        int[] processes = [supervisor.ProcessId, supervisor.WorkerOf(session), direct.ProcessId, Environment.ProcessId];

        Func<Task> listRelayed = () => supervisor.Stub.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = session.Id }, deadline: Deadlines.Control()).ResponseAsync;
        Func<Task> listDirect = () => direct.Client.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = direct.SessionId }, deadline: Deadlines.Control()).ResponseAsync;
        Func<Task> inferRelayed = () => supervisor.Stub.InferenceAsync(tiny.Request(session.Id), deadline: Deadlines.Inference()).ResponseAsync;
        Func<Task> inferDirect = () => direct.Client.InferenceAsync(tiny.Request(direct.SessionId), deadline: Deadlines.Inference()).ResponseAsync;

        var (rounds, quiet) = await JitQuiet.WarmUpCallsAsync(processes, [listRelayed, listDirect, inferRelayed, inferDirect], CallsPerWarmRound, settings.WarmUpTimeout);
        var warmUp = JitQuiet.Describe(rounds, CallsPerWarmRound, quiet, "the four processes (supervisor, its worker, the direct worker, the bench)", settings.WarmUpTimeout);
        context.Progress.WriteLine($"Relay: {warmUp}");

        var rows = new List<BenchRow>();
        foreach (var (name, relayed, straight) in (ValueTuple<string, Func<Task>, Func<Task>>[])
                 [("ListAvailableNodes", listRelayed, listDirect), ($"Inference of a tiny tensor ({tiny.Describe()}, MinMaxNormalizer)", inferRelayed, inferDirect)])
        {
            var (throughSupervisor, toWorker, supervisorCpu) = await InTurnAsync(settings.SmallCalls, relayed, straight, supervisor.ProcessId);
            context.Progress.WriteLine($"{name}: p50 {Measured.Format(throughSupervisor.P50, Unit.Micros)} via the supervisor, {Measured.Format(toWorker.P50, Unit.Micros)} direct; "
                                       + $"supervisor CPU {Measured.Format(supervisorCpu, Unit.Micros)} per relayed call");
            rows.Add(BenchRow.Judged($"{name} p50: via the supervisor vs direct to a worker", Measured.P50(throughSupervisor), Measured.P50(toWorker),
                Target.DifferenceAtMost(150, "<= +150 us"),
                $"{settings.SmallCalls} calls each way, in turn, {warmUp}; the supervisor's CPU per relayed call {Measured.Format(supervisorCpu, Unit.Micros)}; "
                + "direct: an uncontained worker on its Unix socket; both ways on raw stubs"));
        }

        return rows;
    }

    /// <summary>
    /// <paramref name="times"/> calls each way, alternating; and the CPU the supervisor spent per
    /// relayed call (its CPU over the run, less an idle reading of the same length, over the calls).
    /// </summary>
    private static async Task<(Samples Relayed, Samples Direct, double SupervisorCpuMicros)> InTurnAsync(
        int times, Func<Task> relayed, Func<Task> direct, int supervisorProcessId)
    {
        var throughSupervisor = new Samples();
        var toWorker = new Samples();
        var before = ProcessCpu.Read([supervisorProcessId]);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < times; i++)
        {
            throughSupervisor.Add(await Timing.OnceAsync(relayed));
            toWorker.Add(await Timing.OnceAsync(direct));
        }

        var busy = ProcessCpu.Read([supervisorProcessId]).Since(before).Total;
        var idleStart = ProcessCpu.Read([supervisorProcessId]);
        await Task.Delay(watch.Elapsed);
        var idle = ProcessCpu.Read([supervisorProcessId]).Since(idleStart).Total;
        return (throughSupervisor, toWorker, Math.Max(0, (busy - idle).TotalMicroseconds) / times);
    }
}
