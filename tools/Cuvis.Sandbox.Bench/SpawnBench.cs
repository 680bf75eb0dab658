using System.Diagnostics;
using System.Globalization;

namespace Cuvis.Sandbox.Bench;

/// <summary>Row 1: CreateSession with cold spawns against a supervisor asked for a warm pool; sessions per second in a loop.</summary>
internal static class SpawnBench
{
    public const string PoolSetting = "--Workers:PoolSize=4";

    /// <summary>Figures within this share of each other are called alike.</summary>
    private const double Alike = 0.25;

    /// <summary>Longest wait for the pool to fill again before the loop (four spawns on a busy machine, paced 5 s apart).</summary>
    private static readonly TimeSpan PoolRefillTimeout = TimeSpan.FromSeconds(30);

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchContext context)
    {
        var settings = context.Settings;
        var cold = await context.SupervisorAsync();
        var coldSpawns = await CreateSessionSamplesAsync(cold, settings.Spawns, TimeSpan.Zero);
        var coldRate = await SessionsPerSecondAsync(cold, settings.SessionLoop);
        context.Progress.WriteLine($"CreateSession, cold: p50 {Measured.Format(coldSpawns.P50, Unit.Micros)}; {coldRate.Value:0.0} sessions/s");

        await using var pooled = await BenchSupervisor.StartAsync(settings, "pool", PoolSetting);
        // A full pool before the first sample, and a pooled worker before each: the target is CreateSession
        // while the pool has a worker. On a busy machine the pool refills only every Workers:PoolBusySpawnInterval.
        await WaitForPoolAsync(pooled, full: true, PoolRefillTimeout);
        var (warmSpawns, waited) = await PooledCreateSessionSamplesAsync(pooled, settings.Spawns);
        var refilled = await WaitForPoolAsync(pooled, full: true, PoolRefillTimeout);
        var takesBefore = pooled.Log.PoolTakes;
        var warmRate = await SessionsPerSecondAsync(pooled, settings.SessionLoop);
        var fromPool = pooled.Log.PoolTakes - takesBefore;
        context.Progress.WriteLine($"CreateSession, {PoolSetting[2..]}: p50 {Measured.Format(warmSpawns.P50, Unit.Micros)}; {warmRate.Value:0.0} sessions/s");

        var alike = Math.Abs(warmSpawns.P50 - coldSpawns.P50) <= Alike * coldSpawns.P50;
        var poolNote = $"supervisor started with {PoolSetting[2..]}; {settings.Spawns} samples, each once the pool held a worker (mean wait for one {Measured.Format(waited.TotalMicroseconds, Unit.Micros)})"
                       + (alike ? "; alike to the cold spawns (within 25 %): this server's pool did not serve them, or it ignores the setting" : "");
        return
        [
            BenchRow.Judged("CreateSession p50, cold spawn (Workers:PoolSize=0)", Measured.P50(coldSpawns), null, Target.None,
                $"{settings.Spawns} samples, each session closed before the next"),
            BenchRow.Judged($"CreateSession p50, warm pool ({PoolSetting[2..]})", Measured.P50(warmSpawns), Measured.P50(coldSpawns, withP99: false),
                Target.AtMost(5_000, "<= 5 ms"), poolNote),
            BenchRow.Judged($"sessions created and closed per second, one after another ({PoolSetting[2..]})", warmRate, coldRate, Target.None,
                $"baseline: the same loop with Workers:PoolSize=0; {settings.SessionLoop.TotalSeconds:0} s each; "
                + (refilled ? "the pool full at the start" : $"the pool still not full {PoolRefillTimeout.TotalSeconds:0} s after the last sample")
                + $", {fromPool} sessions served from it: it refills one worker at a time (paced by Workers:PoolBusySpawnInterval while the machine is busy), so a loop longer than the pool runs at the spawn pace"),
        ];
    }

    /// <summary>Waits until the supervisor's log says its pool is full (or holds a worker); false after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitForPoolAsync(BenchSupervisor supervisor, bool full, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        bool Ready() => full ? supervisor.Log.PoolIsFull : supervisor.Log.PooledWorkers > 0;
        while (!Ready() && watch.Elapsed < timeout)
        {
            await Task.Delay(20);
        }

        return Ready();
    }

    /// <summary>As <see cref="CreateSessionSamplesAsync"/>, each sample once the pool holds a worker; the mean wait for one.</summary>
    private static async Task<(Samples Samples, TimeSpan MeanWait)> PooledCreateSessionSamplesAsync(BenchSupervisor supervisor, int count)
    {
        await (await supervisor.CreateSessionAsync()).CloseAsync(); // warms the client's connection and both JITs
        var samples = new Samples();
        var waited = TimeSpan.Zero;
        for (var i = 0; i < count; i++)
        {
            var wait = Stopwatch.GetTimestamp();
            await WaitForPoolAsync(supervisor, full: false, PoolRefillTimeout);
            waited += Stopwatch.GetElapsedTime(wait);
            var started = Stopwatch.GetTimestamp();
            var session = await supervisor.CreateSessionAsync();
            samples.Add(Stopwatch.GetElapsedTime(started));
            await session.CloseAsync();
        }

        return (samples, waited / count);
    }

    /// <summary>Times CreateSession alone; each session is closed (untimed) and <paramref name="gap"/> waited before the next.</summary>
    public static async Task<Samples> CreateSessionSamplesAsync(BenchSupervisor supervisor, int count, TimeSpan gap)
    {
        await (await supervisor.CreateSessionAsync()).CloseAsync(); // warms the client's connection and both JITs
        var samples = new Samples();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var session = await supervisor.CreateSessionAsync();
            samples.Add(Stopwatch.GetElapsedTime(started));
            await session.CloseAsync();
            if (gap > TimeSpan.Zero)
            {
                await Task.Delay(gap);
            }
        }

        return samples;
    }

    /// <summary>Creates and closes sessions one after another for <paramref name="duration"/>; the rate, with the mean of each half in its detail (a p50 would hide the sessions that waited for a refill).</summary>
    private static async Task<Measured> SessionsPerSecondAsync(BenchSupervisor supervisor, TimeSpan duration)
    {
        var creates = new Samples();
        var closes = new Samples();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            var session = await supervisor.CreateSessionAsync();
            creates.Add(Stopwatch.GetElapsedTime(started));
            started = Stopwatch.GetTimestamp();
            await session.CloseAsync();
            closes.Add(Stopwatch.GetElapsedTime(started));
        }

        return new Measured(creates.Count / watch.Elapsed.TotalSeconds, Unit.PerSecond,
            creates.Count.ToString(CultureInfo.InvariantCulture) + " sessions; create mean " + Measured.Format(creates.Mean, Unit.Micros)
            + ", close mean " + Measured.Format(closes.Mean, Unit.Micros));
    }
}
