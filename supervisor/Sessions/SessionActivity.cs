namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>When a session was last used, and how many of its calls are running now.</summary>
internal sealed class SessionActivity(TimeProvider timeProvider)
{
    private long _lastUsedTicks = timeProvider.GetUtcNow().UtcTicks;
    private int _running;

    /// <summary>When its last call started or ended.</summary>
    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    /// <summary>How many of its calls are running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Marks the start of a call; dispose the result when it ends.</summary>
    public CallScope Begin()
    {
        Interlocked.Increment(ref _running);
        Touch();
        return new CallScope(this);
    }

    /// <summary>True when no call is running and the last one ended <paramref name="timeout"/> or longer ago.</summary>
    public bool IsIdle(TimeSpan timeout) =>
        Volatile.Read(ref _running) == 0
        && timeProvider.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastUsedTicks) >= timeout.Ticks;

    private void Touch() => Interlocked.Exchange(ref _lastUsedTicks, timeProvider.GetUtcNow().UtcTicks);

    internal readonly struct CallScope(SessionActivity activity) : IDisposable
    {
        public void Dispose()
        {
            activity.Touch();
            Interlocked.Decrement(ref activity._running);
        }
    }
}
