using System.Diagnostics;

namespace Cuvis.Sandbox.Bench;

/// <summary>Repeats a call and keeps how long each took.</summary>
internal static class Timing
{
    public static async Task<Samples> RepeatAsync(int times, Func<Task> call)
    {
        var samples = new Samples();
        for (var i = 0; i < times; i++)
        {
            samples.Add(await OnceAsync(call));
        }

        return samples;
    }

    public static async Task<TimeSpan> OnceAsync(Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Runs <paramref name="call"/> untimed to warm both ends (JIT, connections, pools).</summary>
    public static async Task WarmAsync(int times, Func<Task> call)
    {
        for (var i = 0; i < times; i++)
        {
            await call();
        }
    }
}
