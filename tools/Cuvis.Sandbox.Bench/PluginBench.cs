namespace Cuvis.Sandbox.Bench;

/// <summary>
/// Row 6: LoadPlugins of a cached git plugin into new sessions, on the shipped default (a pooled,
/// warmed-up worker) and on cold-started workers; the contained cold build against a plain dotnet build.
/// </summary>
internal static class PluginBench
{
    /// <summary>The shipped default pool: a new session's worker is a pooled one.</summary>
    private const string DefaultPool = "--Workers:PoolSize=2";

    private static readonly TimeSpan PoolWait = TimeSpan.FromSeconds(30);

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchContext context)
    {
        var settings = context.Settings;
        var supervisor = await context.SupervisorAsync();
        var repository = await PluginRepository.CreateAsync(settings, Path.Combine(settings.WorkDirectory, "scaler-repo"));
        // The plain build brackets the contained one, so neither has the warmer disk cache or the quieter machine to itself.
        var plainBefore = await PlainBuild.RunAsync(settings, PluginRepository.SourceOf(settings), "plain-build-before");

        var first = await LoadIntoNewSessionAsync(supervisor, repository);
        var contained = supervisor.Log.BuildTime(PluginRepository.Name);
        context.Progress.WriteLine($"First load of {PluginRepository.Name} (builds it): {Measured.Format(first.TotalMicroseconds, Unit.Micros)}");
        var cached = new Samples();
        for (var i = 0; i < settings.PluginLoads; i++)
        {
            cached.Add(await LoadIntoNewSessionAsync(supervisor, repository));
        }

        context.Progress.WriteLine($"Cached loads on cold-started workers: p50 {Measured.Format(cached.P50, Unit.Micros)}; now with the default pool");
        var (pooled, pooledMisses) = await PooledLoadsAsync(settings, repository);
        context.Progress.WriteLine($"Cached loads on pooled workers: p50 {Measured.Format(pooled.P50, Unit.Micros)}; now the plain dotnet build of the same project again");
        var plainAfter = await PlainBuild.RunAsync(settings, PluginRepository.SourceOf(settings), "plain-build-after");
        var plain = Measured.Micros((plainBefore + plainAfter).TotalMicroseconds / 2,
            $"mean of {Measured.Format(plainBefore.TotalMicroseconds, Unit.Micros)} before and {Measured.Format(plainAfter.TotalMicroseconds, Unit.Micros)} after");

        var buildMeasure = "cold plugin build (restore + build), contained vs a plain uncontained dotnet build";
        var buildTarget = Target.RatioAtMost(1.3);
        return
        [
            BenchRow.Judged($"LoadPlugins of a cached git plugin into a new session, p50 ({DefaultPool[2..]}, the default)", Measured.P50(pooled), null,
                Target.AtMost(50_000, "<= 50 ms"),
                $"{settings.PluginLoads} loads of tests/plugins/Scaler from a file:// repository at {PluginRepository.Tag}, each into a new session once the pool held a worker"
                + (pooledMisses > 0 ? $" ({pooledMisses} sessions found it empty all the same)" : "") + "; the supervisor's first load built it"),
            BenchRow.Judged("LoadPlugins of a cached git plugin into a new session on a cold-started worker (Workers:PoolSize=0), p50", Measured.P50(cached), null, Target.None,
                $"{settings.PluginLoads} loads as above; the worker's first LoadPlugin compiles its path; the first load (with its build) took {Measured.Format(first.TotalMicroseconds, Unit.Micros)}"),
            contained is { } took
                ? BenchRow.Judged(buildMeasure, Measured.Micros(took.TotalMicroseconds), plain, buildTarget,
                    "contained: from the supervisor's 'building' to its 'built' log line; plain: the same two dotnet commands, flags and isolating files")
                : BenchRow.Unavailable(buildMeasure, buildTarget,
                    $"the supervisor logged no 'Plugin {PluginRepository.Name}: building/built' lines (see {supervisor.LogPath}); plain build: {plain.Text}"),
        ];
    }

    /// <summary>Cached loads against a supervisor of its own with the default pool, each once the pool holds a worker; how many sessions missed it.</summary>
    private static async Task<(Samples Loads, int Misses)> PooledLoadsAsync(BenchSettings settings, PluginRepository repository)
    {
        await using var supervisor = await BenchSupervisor.StartAsync(settings, "plugins-pooled", DefaultPool);
        await LoadIntoNewSessionAsync(supervisor, repository); // builds it in this supervisor's cache
        var loads = new Samples();
        var misses = 0;
        for (var i = 0; i < settings.PluginLoads; i++)
        {
            misses += await SpawnBench.WaitForPoolAsync(supervisor, full: false, PoolWait) ? 0 : 1;
            loads.Add(await LoadIntoNewSessionAsync(supervisor, repository));
        }

        return (loads, misses);
    }

    /// <summary>A new session, LoadPlugins (the time returned), the session closed again.</summary>
    private static async Task<TimeSpan> LoadIntoNewSessionAsync(BenchSupervisor supervisor, PluginRepository repository)
    {
        // Through the client with the build deadline: the first load of a supervisor builds the plugin.
        await using var session = await supervisor.Builds.CreateSessionAsync();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var loaded = await session.LoadPluginsAsync(repository.Manifest);
        if (!loaded.AllLoaded)
        {
            throw new InvalidOperationException($"{PluginRepository.Name} did not load: {string.Join("; ", loaded.FailedPlugins)}");
        }

        var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        await session.CloseAsync();
        return took;
    }
}
