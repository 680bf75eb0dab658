namespace Cuvis.Sandbox.Bench;

/// <summary>Row 5: supervisor and worker RSS with an idle session, then before and after repeated 128 MiB calls, on a supervisor of its own.</summary>
internal static class MemoryBench
{
    /// <summary>"Flat": the calls grow a process's RSS by at most this factor.</summary>
    private const double Flat = 1.10;

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    // A worker gives a large call's memory back once it has run no Inference for 5 s
    // (Workers:ReleaseMemoryQuietPeriod); both readings wait out that period and a second more.
    private static readonly TimeSpan Released = TimeSpan.FromSeconds(6);

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchContext context)
    {
        var settings = context.Settings;
        // A supervisor of its own: the shared one has carried the large rows' calls already, which
        // brought it to its plateau and hid the growth this row is there to show.
        await using var supervisor = await BenchSupervisor.StartAsync(settings, "memory", BenchContext.DefaultSupervisorSettings);
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
        var firstWorker = ProcessMemory.RssBytes(worker);
        var beforeSupervisor = ProcessMemory.RssBytes(supervisor.ProcessId);
        await Task.Delay(Released);
        var beforeWorker = ProcessMemory.RssBytes(worker);
        await Timing.WarmAsync(settings.MemoryCalls, call);
        var lastWorker = ProcessMemory.RssBytes(worker);
        var afterSupervisor = ProcessMemory.RssBytes(supervisor.ProcessId);
        await Task.Delay(Released);
        var afterWorker = ProcessMemory.RssBytes(worker);
        context.Progress.WriteLine($"RSS: worker {idleWorker >> 20} MiB idle, {beforeWorker >> 20} -> {afterWorker >> 20} MiB "
                                   + $"(right after the first call {firstWorker >> 20}, the last {lastWorker >> 20}); supervisor {beforeSupervisor >> 20} -> {afterSupervisor >> 20} MiB");

        var flat = Target.RatioAtMost(Flat, $"flat (<= {Flat:0.00}x)");
        var calls = $"{settings.MemoryCalls} calls of {Measured.Format(cube.Bytes, Unit.Bytes)} (MinMaxNormalizer) after one warm-up call";
        return
        [
            BenchRow.Judged("worker RSS, idle (new session, no pipeline)", new Measured(idleWorker, Unit.Bytes), null,
                Target.AtMost(60 << 20, "<= 60 MiB"), $"VmRSS of worker pid {worker}, {Settle.TotalSeconds:0} s after CreateSession"),
            BenchRow.Judged($"worker RSS after {settings.MemoryCalls} large calls vs before", new Measured(afterWorker, Unit.Bytes),
                new Measured(beforeWorker, Unit.Bytes), flat,
                $"{calls}; both {Released.TotalSeconds:0} s after the calls, as the worker gives large calls' memory back once quiet (Workers:ReleaseMemoryAfterBytes); "
                + $"right after the first call {firstWorker >> 20} MiB, right after the last {lastWorker >> 20} MiB"),
            BenchRow.Judged($"supervisor RSS after {settings.MemoryCalls} large calls vs before", new Measured(afterSupervisor, Unit.Bytes),
                new Measured(beforeSupervisor, Unit.Bytes), flat, $"{calls}; both right after the calls; idle: {idleSupervisor >> 20} MiB"),
        ];
    }
}
