namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// The global bound on plugin builds running at once (<see cref="PluginOptions.MaxConcurrentBuilds"/>):
/// a build holds a slot for its <c>dotnet</c> processes, and a build that finds none free waits,
/// within its caller's cancellation.
/// </summary>
// The semaphore's wait handle is never asked for, so it holds nothing to dispose; disposing it
// at shutdown would only make a build still running throw when it gives its slot back.
#pragma warning disable CA1001 // Types that own disposable fields should be disposable
internal sealed class BuildSlots(int count)
#pragma warning restore CA1001
{
    private readonly SemaphoreSlim _free = new(count, count);

    public int Count => count;

    /// <summary>A slot if one is free now, else null.</summary>
    public IDisposable? TryTake() => _free.Wait(0, CancellationToken.None) ? new Slot(_free) : null;

    /// <summary>Waits for a slot; dispose it to give it back.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        await _free.WaitAsync(cancellationToken);
        return new Slot(_free);
    }

    private sealed class Slot(SemaphoreSlim free) : IDisposable
    {
        private int _returned;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                free.Release();
            }
        }
    }
}
