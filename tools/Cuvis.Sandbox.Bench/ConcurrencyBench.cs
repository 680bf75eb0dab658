using System.Diagnostics;
using System.Globalization;
using Cuvis.Sandbox.Client;

namespace Cuvis.Sandbox.Bench;

/// <summary>
/// Row 7: many sessions at once, each running inference on a small cube for a fixed time. New
/// workers first run the call untimed until the .NET tiered compiler in each has gone quiet: ten
/// fresh workers recompiling the same gRPC and pipeline code, side by side on two cores, otherwise
/// make the timed window measure the JIT, not the calls (about 100 ms of CPU per call was seen).
/// Every call goes through Cuvis.Sandbox.Client, as a .NET application's would.
/// </summary>
internal static class ConcurrencyBench
{
    /// <summary>A worker's cgroup limit for 50 at once on a 23 GiB machine, with room for the rest of it.</summary>
    public const long MemoryLimitBytes = 384L << 20;

    private const int StartParallelism = 4;

    /// <summary>Calls per session in one warm-up round: a tier's 30 calls, and some.</summary>
    private const int CallsPerRound = 40;

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchContext context)
    {
        var settings = context.Settings;
        var count = settings.ConcurrentSessions;
        await using var supervisor = await BenchSupervisor.StartAsync(settings, "concurrency",
            "--Workers:PoolSize=0", "--Sessions:MaxSessions=64", "--Containment:MemoryLimitBytes=" + MemoryLimitBytes.ToString(CultureInfo.InvariantCulture));
        var cube = Cube.Random(1, 64, 64, 32);
        var sessions = await OpenAsync(supervisor, cube, count);
        var workers = sessions.Select(supervisor.WorkerOf).ToArray();

        var (warming, rounds, quiet) = await JitQuiet.WarmUpAsync(workers,
            () => RunLanesAsync(cube, sessions, lane => lane.Count < CallsPerRound), settings.WarmUpTimeout);
        var warmUp = $"{rounds} warm-up rounds of {CallsPerRound} untimed calls per session, "
                     + (quiet ? "until the workers' tier-1 JIT was under 5 % of their CPU" : $"{settings.WarmUpTimeout.TotalSeconds:0} s, and the workers' JIT was still busy");
        context.Progress.WriteLine($"{count} sessions open; {warmUp} (p50 {Measured.Format(warming.P50, Unit.Micros)}); running for {settings.ConcurrencyDuration.TotalSeconds:0} s");

        var workersBefore = ProcessCpu.Read(workers);
        var supervisorBefore = ProcessCpu.Read([supervisor.ProcessId]);
        var watch = Stopwatch.StartNew();
        var latencies = await RunLanesAsync(cube, sessions, _ => watch.Elapsed < settings.ConcurrencyDuration);
        var elapsed = watch.Elapsed;
        var cpu = ProcessCpu.Read(workers).Since(workersBefore);
        var supervisorCpu = ProcessCpu.Read([supervisor.ProcessId]).Since(supervisorBefore).Total;
        var supervisorRss = ProcessMemory.RssBytes(supervisor.ProcessId);
        var workerRss = workers.Select(pid => (double)ProcessMemory.RssBytes(pid)).ToArray();
        await Task.WhenAll(sessions.Select(session => session.CloseAsync()));

        var throughput = latencies.Count / elapsed.TotalSeconds;
        context.Progress.WriteLine($"{latencies.Count} calls: {throughput:0} calls/s, p50 {Measured.Format(latencies.P50, Unit.Micros)}; "
                                   + $"worker CPU {cpu.Total.TotalSeconds:0.00} s, of it tier-1 JIT {cpu.Jit.TotalSeconds:0.00} s; supervisor CPU {supervisorCpu.TotalSeconds:0.00} s");
        var setup = $"{count} sessions, Inference of {cube.Describe()} (MinMaxNormalizer) through Cuvis.Sandbox.Client in a loop each for {elapsed.TotalSeconds:0.0} s, after {warmUp}";
        var calls = Math.Max(latencies.Count, 1);
        var cpuNote = $"CPU per call: workers {Measured.Format(cpu.Total.TotalMicroseconds / calls, Unit.Micros)} "
                      + $"({cpu.Jit.TotalSeconds / Math.Max(cpu.Total.TotalSeconds, 1e-9):P0} of it tier-1 JIT), supervisor {Measured.Format(supervisorCpu.TotalMicroseconds / calls, Unit.Micros)}";
        var limits = $"Sessions:MaxSessions=64, Containment:MemoryLimitBytes={MemoryLimitBytes >> 20} MiB";
        return
        [
            BenchRow.Judged($"{count} concurrent sessions: throughput", new Measured(throughput, Unit.PerSecond, $"{latencies.Count} calls"), null, Target.None, setup),
            BenchRow.Judged($"{count} concurrent sessions: Inference latency p50", Measured.P50(latencies), null, Target.None, setup + "; " + cpuNote),
            BenchRow.Judged($"{count} concurrent sessions: Inference latency p50 while new workers warm up", Measured.P50(warming), null, Target.None,
                $"the untimed warm-up of the rows above ({rounds} x {CallsPerRound} calls per session): every worker compiling the same code at once"),
            BenchRow.Judged($"{count} concurrent sessions: supervisor RSS", new Measured(supervisorRss, Unit.Bytes), null, Target.None, limits),
            BenchRow.Judged($"{count} concurrent sessions: mean worker RSS", new Measured(workerRss.Average(), Unit.Bytes, "max " + Measured.Format(workerRss.Max(), Unit.Bytes)),
                null, Target.None, "VmRSS of each session's worker pid after the run"),
        ];
    }

    /// <summary>Creates the sessions, a few at a time, each with the pipeline loaded and run once.</summary>
    private static async Task<CuvisSession[]> OpenAsync(BenchSupervisor supervisor, Cube cube, int count)
    {
        var sessions = new CuvisSession[count];
        using var starting = new SemaphoreSlim(StartParallelism);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await starting.WaitAsync();
            try
            {
                sessions[i] = await supervisor.CreateSessionAsync();
                await sessions[i].LoadPipelineAsync(Pipelines.Document(Pipelines.MinMax));
                await sessions[i].InferenceAsync(cube.Batch());
            }
            finally
            {
                starting.Release();
            }
        }));
        return sessions;
    }

    /// <summary>One lane per session calling Inference while <paramref name="more"/> says so; every call's latency.</summary>
    private static async Task<Samples> RunLanesAsync(Cube cube, CuvisSession[] sessions, Func<Samples, bool> more)
    {
        var lanes = await Task.WhenAll(sessions.Select(session => Task.Run(async () =>
        {
            var batch = cube.Batch();
            var samples = new Samples();
            while (more(samples))
            {
                var started = Stopwatch.GetTimestamp();
                await session.InferenceAsync(batch);
                samples.Add(Stopwatch.GetElapsedTime(started));
            }

            return samples;
        })));
        return Samples.Of(lanes.SelectMany(lane => lane.Micros));
    }
}
