using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>
/// A session's shared-memory arenas: rented by one Inference at a time, given back when its answer
/// was read, and reused by the session's next large calls, so their pages are faulted in once.
/// An arena of a call that failed or was cancelled is retired instead (its worker may still write
/// into it). Arenas idle for <c>Workers:SharedMemoryIdleTimeout</c> are released, and all of them
/// when the session closes: the memory a session holds between calls is that of its largest
/// concurrent calls, and only for a while. An arena only ever carries its own session's data.
/// </summary>
internal sealed class SessionArenas : IDisposable
{
    private readonly Stack<SharedArena> _idle = new();
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly Action<long> _release;
    private readonly ITimer _trim;
    private bool _disposed;

    /// <param name="idleTimeout">How long an arena may lie unused before it is released.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="release">Tells the session's current worker to let go of an arena (by id).</param>
    public SessionArenas(TimeSpan idleTimeout, TimeProvider timeProvider, Action<long> release)
    {
        _idleTimeout = idleTimeout;
        _timeProvider = timeProvider;
        _release = release;
        _trim = timeProvider.CreateTimer(_ => Trim(), null, idleTimeout, idleTimeout);
    }

    /// <summary>Arenas waiting for a call (for tests and metrics).</summary>
    public int IdleCount
    {
        get
        {
            lock (_idle)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>An idle arena, or a new one.</summary>
    /// <exception cref="WorkerUnavailableException">The session is closing.</exception>
    public SharedArena Rent()
    {
        lock (_idle)
        {
            if (_disposed)
            {
                throw new WorkerUnavailableException("The session is closing; its shared-memory arenas are released.");
            }

            if (_idle.TryPop(out var arena))
            {
                return arena;
            }
        }

        return SharedArena.Create();
    }

    /// <summary>Takes back the arena of a call whose answer was read; it waits for the next call.</summary>
    public void Return(SharedArena arena)
    {
        lock (_idle)
        {
            if (!_disposed)
            {
                arena.ReturnedAt = _timeProvider.GetTimestamp();
                _idle.Push(arena);
                return;
            }
        }

        Retire(arena);
    }

    /// <summary>Releases the arena of a call that did not end with its answer read.</summary>
    public void Retire(SharedArena arena)
    {
        _release(arena.Id);
        arena.Dispose();
    }

    public void Dispose()
    {
        SharedArena[] idle;
        lock (_idle)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        _trim.Dispose();
        foreach (var arena in idle)
        {
            Retire(arena);
        }
    }

    private void Trim()
    {
        List<SharedArena> stale = [];
        lock (_idle)
        {
            var keep = _idle.Where(a => _timeProvider.GetElapsedTime(a.ReturnedAt) < _idleTimeout).Reverse().ToArray();
            stale.AddRange(_idle.Except(keep));
            _idle.Clear();
            foreach (var arena in keep)
            {
                _idle.Push(arena);
            }
        }

        foreach (var arena in stale)
        {
            Retire(arena);
        }
    }
}
