namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>At most <c>max</c> restarts in any sliding window of <c>window</c>, on the given clock.</summary>
internal sealed class RestartBudget(int max, TimeSpan window, TimeProvider timeProvider)
{
    private readonly Queue<DateTimeOffset> _restarts = new();
    private readonly Lock _gate = new();

    public int Max => max;

    public TimeSpan Window => window;

    /// <summary>Restarts spent within the current window.</summary>
    public int Used
    {
        get
        {
            lock (_gate)
            {
                Prune(timeProvider.GetUtcNow());
                return _restarts.Count;
            }
        }
    }

    /// <summary>True when a restart could be spent now.</summary>
    public bool HasRoom => Used < max;

    /// <summary>Spends one restart; false (and nothing spent) when the window has none left.</summary>
    public bool TryConsume()
    {
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            Prune(now);
            if (_restarts.Count >= max)
            {
                return false;
            }

            _restarts.Enqueue(now);
            return true;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (_restarts.TryPeek(out var oldest) && now - oldest >= window)
        {
            _restarts.Dequeue();
        }
    }
}
