using System.Diagnostics;
using System.Globalization;

namespace Cuvis.Sandbox.Bench;

/// <summary>Row 7: many sessions at once, each running inference on a small cube for a fixed time.</summary>
internal static class ConcurrencyBench
{
    /// <summary>A worker's cgroup limit for 50 at once on a 23 GiB machine, with room for the rest of it.</summary>
    public const long MemoryLimitBytes = 384L << 20;

    private const int StartParallelism = 4;

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchContext context)
    {
        var settings = context.Settings;
        var count = settings.ConcurrentSessions;
        await using var supervisor = await BenchSupervisor.StartAsync(settings, "concurrency",
            "--Workers:PoolSize=0", "--Sessions:MaxSessions=64", "--Containment:MemoryLimitBytes=" + MemoryLimitBytes.ToString(CultureInfo.InvariantCulture));
        var cube = Cube.Random(1, 64, 64, 32);
        var sessions = new string[count];
        using var starting = new SemaphoreSlim(StartParallelism);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await starting.WaitAsync();
            try
            {
                sessions[i] = await supervisor.CreateSessionAsync();
                await supervisor.Client.LoadPipelineAsync(Pipelines.Load(sessions[i], Pipelines.MinMax), deadline: Deadlines.Control());
                await supervisor.Client.InferenceAsync(cube.Request(sessions[i]), deadline: Deadlines.Inference());
            }
            finally
            {
                starting.Release();
            }
        }));
        context.Progress.WriteLine($"{count} sessions open; running for {settings.ConcurrencyDuration.TotalSeconds:0} s");

        var watch = Stopwatch.StartNew();
        var lanes = await Task.WhenAll(sessions.Select(session => Task.Run(async () =>
        {
            var request = cube.Request(session);
            var samples = new Samples();
            while (watch.Elapsed < settings.ConcurrencyDuration)
            {
                var started = Stopwatch.GetTimestamp();
                await supervisor.Client.InferenceAsync(request, deadline: Deadlines.Inference());
                samples.Add(Stopwatch.GetElapsedTime(started));
            }

            return samples;
        })));
        var elapsed = watch.Elapsed;
        var supervisorRss = ProcessMemory.RssBytes(supervisor.ProcessId);
        var workerRss = sessions.Select(s => (double)ProcessMemory.RssBytes(supervisor.WorkerOf(s))).ToArray();
        await Task.WhenAll(sessions.Select(supervisor.CloseSessionAsync));

        var latencies = Samples.Of(lanes.SelectMany(lane => lane.Micros));
        var throughput = latencies.Count / elapsed.TotalSeconds;
        context.Progress.WriteLine($"{latencies.Count} calls: {throughput:0} calls/s, p50 {Measured.Format(latencies.P50, Unit.Micros)}");
        var setup = $"{count} sessions, Inference of {cube.Describe()} (MinMaxNormalizer) in a loop each for {elapsed.TotalSeconds:0.0} s";
        var limits = $"Sessions:MaxSessions=64, Containment:MemoryLimitBytes={MemoryLimitBytes >> 20} MiB";
        return
        [
            BenchRow.Judged($"{count} concurrent sessions: throughput", new Measured(throughput, Unit.PerSecond, $"{latencies.Count} calls"), null, Target.None, setup),
            BenchRow.Judged($"{count} concurrent sessions: Inference latency p50", Measured.P50(latencies), null, Target.None, setup),
            BenchRow.Judged($"{count} concurrent sessions: supervisor RSS", new Measured(supervisorRss, Unit.Bytes), null, Target.None, limits),
            BenchRow.Judged($"{count} concurrent sessions: mean worker RSS", new Measured(workerRss.Average(), Unit.Bytes, "max " + Measured.Format(workerRss.Max(), Unit.Bytes)),
                null, Target.None, "VmRSS of each session's worker pid after the run"),
        ];
    }
}
