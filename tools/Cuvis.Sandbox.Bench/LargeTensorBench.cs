namespace Cuvis.Sandbox.Bench;

/// <summary>
/// Row 3: a 128 MiB MinMax Inference through the full path against one gRPC hop to one worker
/// process. Both ways call raw generated stubs (the direct worker's API is private, so the client
/// cannot be its caller): the ratio is the relay's alone. The client's own cost on the same call is
/// <see cref="ClientBench"/>'s.
/// </summary>
internal static class LargeTensorBench
{
    public static Cube LargeCube() => Cube.Random(1, 512, 512, 128);

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchContext context)
    {
        var settings = context.Settings;
        var supervisor = await context.SupervisorAsync();
        var direct = await context.DirectWorkerAsync();
        var cube = LargeCube();
        await using var session = await supervisor.CreateSessionAsync();
        await session.LoadPipelineAsync(Pipelines.Document(Pipelines.MinMax));
        await direct.Client.LoadPipelineAsync(Pipelines.Load(direct.SessionId, Pipelines.MinMax), deadline: Deadlines.Control());
        Func<Task> relayed = () => supervisor.Stub.InferenceAsync(cube.Request(session.Id), deadline: Deadlines.Inference()).ResponseAsync;
        Func<Task> straight = () => direct.Client.InferenceAsync(cube.Request(direct.SessionId), deadline: Deadlines.Inference()).ResponseAsync;
        await relayed();
        await straight();

        // Alternating, so a neighbour's load on the shared cores falls on both ways alike.
        var throughSupervisor = new Samples();
        var toWorker = new Samples();
        for (var i = 0; i < settings.LargeCalls; i++)
        {
            throughSupervisor.AddMicros((await Timing.RepeatAsync(1, relayed)).P50);
            toWorker.AddMicros((await Timing.RepeatAsync(1, straight)).P50);
        }

        context.Progress.WriteLine($"128 MiB Inference: p50 {Measured.Format(throughSupervisor.P50, Unit.Micros)} via the supervisor, {Measured.Format(toWorker.P50, Unit.Micros)} direct");
        return
        [
            BenchRow.Judged($"Inference of {Measured.Format(cube.Bytes, Unit.Bytes)} ({cube.Describe()}, MinMaxNormalizer) p50: full path vs direct to a worker",
                Measured.P50(throughSupervisor, withP99: false), Measured.P50(toWorker, withP99: false), Target.RatioAtMost(1.15),
                $"{settings.LargeCalls} calls each way, alternating, after one warm-up each; the answer is as large as the request; both ways on raw stubs"),
        ];
    }
}
