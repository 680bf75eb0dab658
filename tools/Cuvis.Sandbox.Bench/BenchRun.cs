using System.Diagnostics;
using Cuvis.Sandbox.Client;
using Grpc.Core;

namespace Cuvis.Sandbox.Bench;

/// <summary>One run: each chosen group of rows in the order of <see cref="BenchRows"/>, against supervisors started for it.</summary>
internal static class BenchRun
{
    public static async Task<BenchOutcome> RunAsync(BenchSettings settings, TextWriter progress)
    {
        Directory.CreateDirectory(settings.WorkDirectory);
        var watch = Stopwatch.StartNew();
        var skipped = settings.Quick ? settings.Rows.Where(BenchSettings.SlowRows.Contains).ToArray() : [];
        var rows = new List<BenchRow>();
        var failures = new List<string>();
        var groups = new List<(BenchRows, TimeSpan)>();
        await using (var context = new BenchContext(settings, progress))
        {
            foreach (var group in settings.Rows.Except(skipped))
            {
                progress.WriteLine($"== {group}");
                var started = Stopwatch.GetTimestamp();
                try
                {
                    rows.AddRange(await MeasureAsync(group, context));
                }
                catch (Exception exception) when (exception is InvalidOperationException or CuvisSandboxException or RpcException or TimeoutException or IOException)
                {
                    var why = $"{group} could not be measured: {exception.Message}";
                    progress.WriteLine(why);
                    failures.Add(why);
                    rows.Add(BenchRow.Unavailable($"{group} rows", Target.None, why));
                }

                groups.Add((group, Stopwatch.GetElapsedTime(started)));
            }
        }

        return new BenchOutcome(rows, skipped, failures, watch.Elapsed, groups);
    }

    private static Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchRows group, BenchContext context) => group switch
    {
        BenchRows.Spawn => SpawnBench.MeasureAsync(context),
        BenchRows.Relay => RelayBench.MeasureAsync(context),
        BenchRows.Large => LargeTensorBench.MeasureAsync(context),
        BenchRows.Kernels => KernelBench.MeasureAsync(context),
        BenchRows.Memory => MemoryBench.MeasureAsync(context),
        BenchRows.Plugins => PluginBench.MeasureAsync(context),
        BenchRows.Concurrency => ConcurrencyBench.MeasureAsync(context),
        BenchRows.Containment => ContainmentBench.MeasureAsync(context),
        BenchRows.Client => ClientBench.MeasureAsync(context),
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };
}
