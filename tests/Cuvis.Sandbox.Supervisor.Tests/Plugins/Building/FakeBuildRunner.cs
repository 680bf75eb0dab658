using Cuvis.Sandbox.Supervisor.Plugins.Building;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins.Building;

/// <summary>
/// Stands in for <c>dotnet</c>: each run writes the output of a project named <c>Plugin</c>, once
/// the test releases it, and the runner counts how many run at once.
/// </summary>
internal sealed class FakeBuildRunner : IPluginBuildRunner
{
    private readonly SemaphoreSlim _released = new(0);
    private int _running;
    private int _maxRunning;
    private int _runs;

    /// <summary>When false, every run finishes at once; when true, each waits for <see cref="Release"/>.</summary>
    public bool Hold { get; init; }

    public int Running => Volatile.Read(ref _running);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public int Runs => Volatile.Read(ref _runs);

    public string ViewOf(string work) => work;

    public void Release(int count) => _released.Release(count);

    public async Task<BuildRun> RunAsync(BuildLayout layout, IReadOnlyList<BuildStep> steps, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        var running = Interlocked.Increment(ref _running);
        int max;
        while (running > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, running, max) != max)
        {
        }

        try
        {
            if (Hold)
            {
                await _released.WaitAsync(cancellationToken);
            }

            await File.WriteAllTextAsync(Path.Combine(layout.Output, "Plugin.dll"), "not really an assembly", cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(layout.Output, "Plugin.deps.json"), """{"libraries":{}}""", cancellationToken);
            return new BuildRun(0, "", TimedOut: false);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
