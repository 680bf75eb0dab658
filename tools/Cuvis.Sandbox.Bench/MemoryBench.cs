namespace Cuvis.Sandbox.Bench;

/// <summary>Row 5: supervisor and worker RSS with an idle session, then before and after repeated 128 MiB calls.</summary>
internal static class MemoryBench
{
    /// <summary>"Flat": the calls grow a process's RSS by at most this factor.</summary>
    private const double Flat = 1.10;

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchContext context)
    {
        var settings = context.Settings;
        var supervisor = await context.SupervisorAsync();
        await using var session = await supervisor.CreateSessionAsync();
        var worker = supervisor.WorkerOf(session);
        await Task.Delay(Settle);
        var idleWorker = ProcessMemory.RssBytes(worker);
        var idleSupervisor = ProcessMemory.RssBytes(supervisor.ProcessId);

        var cube = LargeTensorBench.LargeCube();
        await session.LoadPipelineAsync(Pipelines.Document(Pipelines.MinMax));
        var batch = cube.Batch();
        Func<Task> call = () => session.InferenceAsync(batch);
        await call();
        var beforeWorker = ProcessMemory.RssBytes(worker);
        var beforeSupervisor = ProcessMemory.RssBytes(supervisor.ProcessId);
        await Timing.WarmAsync(settings.MemoryCalls, call);
        var afterWorker = ProcessMemory.RssBytes(worker);
        var afterSupervisor = ProcessMemory.RssBytes(supervisor.ProcessId);
        context.Progress.WriteLine($"RSS: worker {idleWorker >> 20} MiB idle, {beforeWorker >> 20} -> {afterWorker >> 20} MiB; supervisor {beforeSupervisor >> 20} -> {afterSupervisor >> 20} MiB");

        var flat = Target.RatioAtMost(Flat, $"flat (<= {Flat:0.00}x)");
        var calls = $"before: after one warm-up call; after: {settings.MemoryCalls} more calls of {Measured.Format(cube.Bytes, Unit.Bytes)} (MinMaxNormalizer)";
        return
        [
            BenchRow.Judged("worker RSS, idle (new session, no pipeline)", new Measured(idleWorker, Unit.Bytes), null,
                Target.AtMost(60 << 20, "<= 60 MiB"), $"VmRSS of worker pid {worker}, {Settle.TotalSeconds:0} s after CreateSession"),
            BenchRow.Judged($"worker RSS after {settings.MemoryCalls} large calls vs before", new Measured(afterWorker, Unit.Bytes),
                new Measured(beforeWorker, Unit.Bytes), flat, calls),
            BenchRow.Judged($"supervisor RSS after {settings.MemoryCalls} large calls vs before", new Measured(afterSupervisor, Unit.Bytes),
                new Measured(beforeSupervisor, Unit.Bytes), flat, $"{calls}; idle: {idleSupervisor >> 20} MiB"),
        ];
    }
}
