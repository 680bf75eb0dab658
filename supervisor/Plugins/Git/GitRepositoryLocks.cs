using System.Collections.Concurrent;

namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// One lock per cached repository. libgit2 cannot be stopped while it waits on a silent server,
/// so a caller may give up on an operation that is still running; its lease then keeps the
/// repository locked until that operation really ends, and nobody else touches the repository
/// meanwhile. Waiting for a lock is bounded too, so no caller waits on such a remote forever.
/// </summary>
internal sealed class GitRepositoryLocks(TimeSpan waitLimit)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<Lease> AcquireAsync(string key, string url, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(waitLimit, cancellationToken))
        {
            throw new GitFetchException(
                $"Repository {GitUrl.ForDisplay(url)} is busy: an earlier fetch of it has not finished within "
                + $"{waitLimit.TotalSeconds:0.#} s. Try again later.");
        }

        return new Lease(gate);
    }

    /// <summary>The repository's lock if nobody holds it now, else null.</summary>
    public Lease? TryAcquire(string key)
    {
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        return gate.Wait(0, CancellationToken.None) ? new Lease(gate) : null;
    }

    internal sealed class Lease(SemaphoreSlim gate) : IDisposable
    {
        private Task _outstanding = Task.CompletedTask;

        /// <summary>Keeps the repository locked, after <see cref="Dispose"/>, until <paramref name="operation"/> ends.</summary>
        public void HoldUntil(Task operation) => _outstanding = operation;

        /// <summary>Runs <paramref name="action"/> now, or once the operation given to <see cref="HoldUntil"/> has ended.</summary>
        public void AfterOutstanding(Action action)
        {
            if (_outstanding.IsCompleted)
            {
                action();
                return;
            }

            _outstanding.ContinueWith(ended =>
            {
                // Nobody awaits an abandoned operation: observe its failure here.
                _ = ended.Exception;
                action();
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        public void Dispose() => AfterOutstanding(() => gate.Release());
    }
}
