using System.Diagnostics;
using System.Globalization;

namespace Cuvis.Sandbox.Bench;

/// <summary>Row 1: CreateSession with cold spawns against a supervisor asked for a warm pool; sessions per second in a loop.</summary>
internal static class SpawnBench
{
    public const string PoolSetting = "--Workers:PoolSize=4";

    /// <summary>Figures within this share of each other are called alike.</summary>
    private const double Alike = 0.25;

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchContext context)
    {
        var settings = context.Settings;
        var cold = await context.SupervisorAsync();
        var coldSpawns = await CreateSessionSamplesAsync(cold, settings.Spawns, TimeSpan.Zero);
        var coldRate = await SessionsPerSecondAsync(cold, settings.SessionLoop);
        context.Progress.WriteLine($"CreateSession, cold: p50 {Measured.Format(coldSpawns.P50, Unit.Micros)}; {coldRate.Value:0.0} sessions/s");

        await using var pooled = await BenchSupervisor.StartAsync(settings, "pool", PoolSetting);
        // Room for a pool to fill before the first sample, and between samples for one refill at the cold pace.
        var gap = TimeSpan.FromMicroseconds(coldSpawns.P50);
        await Task.Delay(gap * 4 + TimeSpan.FromSeconds(1));
        var warmSpawns = await CreateSessionSamplesAsync(pooled, settings.Spawns, gap);
        var warmRate = await SessionsPerSecondAsync(pooled, settings.SessionLoop);
        context.Progress.WriteLine($"CreateSession, {PoolSetting[2..]}: p50 {Measured.Format(warmSpawns.P50, Unit.Micros)}; {warmRate.Value:0.0} sessions/s");

        var alike = Math.Abs(warmSpawns.P50 - coldSpawns.P50) <= Alike * coldSpawns.P50;
        var poolNote = $"supervisor started with {PoolSetting[2..]}; {settings.Spawns} samples, {Measured.Format(gap.TotalMicroseconds, Unit.Micros)} apart"
                       + (alike ? "; alike to the cold spawns (within 25 %): this server's pool did not serve them, or it ignores the setting" : "");
        return
        [
            BenchRow.Judged("CreateSession p50, cold spawn (Workers:PoolSize=0)", Measured.P50(coldSpawns), null, Target.None,
                $"{settings.Spawns} samples, each session closed before the next"),
            BenchRow.Judged($"CreateSession p50, warm pool ({PoolSetting[2..]})", Measured.P50(warmSpawns), Measured.P50(coldSpawns, withP99: false),
                Target.AtMost(5_000, "<= 5 ms"), poolNote),
            BenchRow.Judged($"sessions created and closed per second, one after another ({PoolSetting[2..]})", warmRate, coldRate, Target.None,
                $"baseline: the same loop with Workers:PoolSize=0; {settings.SessionLoop.TotalSeconds:0} s each"),
        ];
    }

    /// <summary>Times CreateSession alone; each session is closed (untimed) and <paramref name="gap"/> waited before the next.</summary>
    public static async Task<Samples> CreateSessionSamplesAsync(BenchSupervisor supervisor, int count, TimeSpan gap)
    {
        await supervisor.CloseSessionAsync(await supervisor.CreateSessionAsync()); // warms the client's connection and both JITs
        var samples = new Samples();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var session = await supervisor.CreateSessionAsync();
            samples.Add(Stopwatch.GetElapsedTime(started));
            await supervisor.CloseSessionAsync(session);
            if (gap > TimeSpan.Zero)
            {
                await Task.Delay(gap);
            }
        }

        return samples;
    }

    private static async Task<Measured> SessionsPerSecondAsync(BenchSupervisor supervisor, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        var sessions = 0;
        while (watch.Elapsed < duration)
        {
            await supervisor.CloseSessionAsync(await supervisor.CreateSessionAsync());
            sessions++;
        }

        return new Measured(sessions / watch.Elapsed.TotalSeconds, Unit.PerSecond,
            sessions.ToString(CultureInfo.InvariantCulture) + " sessions");
    }
}
