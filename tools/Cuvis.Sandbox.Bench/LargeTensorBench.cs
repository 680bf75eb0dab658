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

        // Upstream's ShmRef: the same cube from a segment on this host, against its bytes raw.
        var segment = $"cuvis_bench_{Environment.ProcessId}";
        cube.WriteSegment(segment);
        var byReference = new Samples();
        var raw = new Samples();
        try
        {
            Func<Task> shared = () => supervisor.Stub.InferenceAsync(cube.SharedRequest(session.Id, segment), deadline: Deadlines.Inference()).ResponseAsync;
            await shared();
            for (var i = 0; i < settings.LargeCalls; i++)
            {
                byReference.AddMicros((await Timing.RepeatAsync(1, shared)).P50);
                raw.AddMicros((await Timing.RepeatAsync(1, relayed)).P50);
            }
        }
        finally
        {
            File.Delete(Path.Combine("/dev/shm", segment));
        }

        return
        [
            BenchRow.Judged($"Inference of {Measured.Format(cube.Bytes, Unit.Bytes)} p50, full path: the cube passed by shm_ref vs its bytes raw",
                Measured.P50(byReference, withP99: false), Measured.P50(raw, withP99: false), Target.RatioAtMost(1.0),
                $"{settings.LargeCalls} calls each way, alternating; the segment is copied by the kernel into the session's arena, the answer comes back raw"),
            BenchRow.Judged($"Inference of {Measured.Format(cube.Bytes, Unit.Bytes)} ({cube.Describe()}, MinMaxNormalizer) p50: full path vs direct to a worker",
                Measured.P50(throughSupervisor, withP99: false), Measured.P50(toWorker, withP99: false), Target.RatioAtMost(1.15),
                $"{settings.LargeCalls} calls each way, alternating, after one warm-up each; the answer is as large as the request; both ways on raw stubs"),
        ];
    }
}
