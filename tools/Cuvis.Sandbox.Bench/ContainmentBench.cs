using System.Diagnostics;

namespace Cuvis.Sandbox.Bench;

/// <summary>
/// Row 8: what each containment layer adds to a cold spawn. One supervisor per step (each with
/// Workers:PoolSize=0), every step one layer more than the one before; CreateSession is sampled
/// round-robin over them, so a change in the machine's load falls on every step alike.
/// </summary>
internal static class ContainmentBench
{
    /// <summary>The steps, each with the settings that turn the layers after it off.</summary>
    internal static readonly (string Label, string Folder, string[] Settings)[] Layers =
    [
        ("Containment:Profile=none (plain process)", "layers-none", ["--Containment:Profile=none"]),
        ("bubblewrap only (SeparateUids, Cgroups, Seccomp false)", "layers-bwrap",
            ["--Containment:SeparateUids=false", "--Containment:Cgroups=false", "--Containment:Seccomp=false"]),
        ("+ a uid per sandbox (Cgroups, Seccomp false)", "layers-uid", ["--Containment:Cgroups=false", "--Containment:Seccomp=false"]),
        ("+ a cgroup per sandbox (Seccomp false)", "layers-cgroup", ["--Containment:Seccomp=false"]),
        ("+ seccomp: Containment:Profile=strict, every layer", "layers-strict", []),
    ];

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchContext context)
    {
        var supervisors = new List<BenchSupervisor>();
        try
        {
            foreach (var (_, folder, settings) in Layers)
            {
                supervisors.Add(await BenchSupervisor.StartAsync(context.Settings, folder, ["--Workers:PoolSize=0", .. settings]));
            }

            var samples = await SampleRoundRobinAsync(supervisors, context.Settings.LayerSpawns);
            var rows = new List<BenchRow>();
            for (var i = 0; i < Layers.Length; i++)
            {
                context.Progress.WriteLine($"CreateSession, {Layers[i].Label}: p50 {Measured.Format(samples[i].P50, Unit.Micros)}");
                var baseline = i == 0 ? null : Measured.P50(samples[i - 1], withP99: false);
                rows.Add(BenchRow.Judged($"CreateSession p50, {Layers[i].Label}", Measured.P50(samples[i]), baseline, Target.None,
                    $"{context.Settings.LayerSpawns} samples each, Workers:PoolSize=0, taken in turn with the other steps"
                    + (i == 0 ? "" : "; baseline: the step before")));
            }

            return rows;
        }
        finally
        {
            foreach (var supervisor in supervisors)
            {
                await supervisor.DisposeAsync();
            }
        }
    }

    private static async Task<Samples[]> SampleRoundRobinAsync(List<BenchSupervisor> supervisors, int count)
    {
        foreach (var supervisor in supervisors)
        {
            await (await supervisor.CreateSessionAsync()).CloseAsync(); // the client's connection and both JITs
        }

        var samples = supervisors.Select(_ => new Samples()).ToArray();
        for (var round = 0; round < count; round++)
        {
            for (var i = 0; i < supervisors.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var session = await supervisors[i].CreateSessionAsync();
                samples[i].Add(Stopwatch.GetElapsedTime(started));
                await session.CloseAsync();
            }
        }

        return samples;
    }
}
