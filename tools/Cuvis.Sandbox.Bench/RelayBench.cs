using Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Bench;

/// <summary>Row 2: small session-scoped calls through the supervisor against the same calls made directly to a worker.</summary>
internal static class RelayBench
{
    private const int WarmCalls = 30;

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchContext context)
    {
        var settings = context.Settings;
        var supervisor = await context.SupervisorAsync();
        var direct = await context.DirectWorkerAsync();
        var session = await supervisor.CreateSessionAsync();
        try
        {
            await supervisor.Client.LoadPipelineAsync(Pipelines.Load(session, Pipelines.MinMax), deadline: Deadlines.Control());
            await direct.Client.LoadPipelineAsync(Pipelines.Load(direct.SessionId, Pipelines.MinMax), deadline: Deadlines.Control());
            var tiny = Cube.Random(1, 4, 4, 4);

            Func<Task> listRelayed = () => supervisor.Client.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = session }, deadline: Deadlines.Control()).ResponseAsync;
            Func<Task> listDirect = () => direct.Client.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = direct.SessionId }, deadline: Deadlines.Control()).ResponseAsync;
            Func<Task> inferRelayed = () => supervisor.Client.InferenceAsync(tiny.Request(session), deadline: Deadlines.Inference()).ResponseAsync;
            Func<Task> inferDirect = () => direct.Client.InferenceAsync(tiny.Request(direct.SessionId), deadline: Deadlines.Inference()).ResponseAsync;

            var rows = new List<BenchRow>();
            foreach (var (name, relayed, straight) in (ValueTuple<string, Func<Task>, Func<Task>>[])
                     [("ListAvailableNodes", listRelayed, listDirect), ($"Inference of a tiny tensor ({tiny.Describe()}, MinMaxNormalizer)", inferRelayed, inferDirect)])
            {
                await Timing.WarmAsync(WarmCalls, relayed);
                await Timing.WarmAsync(WarmCalls, straight);
                var throughSupervisor = await Timing.RepeatAsync(settings.SmallCalls, relayed);
                var toWorker = await Timing.RepeatAsync(settings.SmallCalls, straight);
                context.Progress.WriteLine($"{name}: p50 {Measured.Format(throughSupervisor.P50, Unit.Micros)} via the supervisor, {Measured.Format(toWorker.P50, Unit.Micros)} direct");
                rows.Add(BenchRow.Judged($"{name} p50: via the supervisor vs direct to a worker", Measured.P50(throughSupervisor), Measured.P50(toWorker),
                    Target.DifferenceAtMost(150, "<= +150 us"),
                    $"{settings.SmallCalls} calls each way after {WarmCalls} warm-up calls; direct: an uncontained worker on its Unix socket"));
            }

            return rows;
        }
        finally
        {
            await supervisor.CloseSessionAsync(session);
        }
    }
}
