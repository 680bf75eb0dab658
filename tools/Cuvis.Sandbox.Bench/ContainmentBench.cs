namespace Cuvis.Sandbox.Bench;

/// <summary>Row 8: what each containment layer costs a cold spawn: CreateSession under three profiles, each with Workers:PoolSize=0.</summary>
internal static class ContainmentBench
{
    private static readonly (string Label, string Folder, string[] Settings)[] Profiles =
    [
        ("Containment:Profile=none (plain process)", "profile-none", ["--Containment:Profile=none"]),
        ("Containment:Profile=strict, Containment:Seccomp=false", "profile-no-seccomp", ["--Containment:Seccomp=false"]),
        ("Containment:Profile=strict (every layer)", "profile-strict", []),
    ];

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchContext context)
    {
        var rows = new List<BenchRow>();
        Measured? none = null;
        foreach (var (label, folder, settings) in Profiles)
        {
            await using var supervisor = await BenchSupervisor.StartAsync(context.Settings, folder, ["--Workers:PoolSize=0", .. settings]);
            var spawns = await SpawnBench.CreateSessionSamplesAsync(supervisor, context.Settings.Spawns, TimeSpan.Zero);
            context.Progress.WriteLine($"CreateSession, {label}: p50 {Measured.Format(spawns.P50, Unit.Micros)}");
            var figure = Measured.P50(spawns);
            rows.Add(BenchRow.Judged($"CreateSession p50, {label}", figure, none is null ? null : none with { Detail = "" }, Target.None,
                $"{context.Settings.Spawns} samples, Workers:PoolSize=0" + (none is null ? "" : "; baseline: Containment:Profile=none")));
            none ??= figure;
        }

        return rows;
    }
}
