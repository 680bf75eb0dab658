using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>
/// The <see cref="SessionOptions.MaxSessions"/> worker slots: an open session holds one from
/// before its worker starts until its worker is gone. The pool's blank workers fill only slots
/// no session holds (<see cref="WorkerPool"/>), so sessions plus pooled workers never exceed
/// the limit, and with it the memory the server commits to (MaxSessions times a worker's limit).
/// </summary>
internal sealed class SessionSlots(IOptions<SessionOptions> options)
{
    private readonly Lock _gate = new();
    private int _inUse;
    private bool _closed;

    public int Limit => options.Value.MaxSessions;

    /// <summary>Raised after a slot is released (the pool may refill into it).</summary>
    public event Action? Released;

    /// <summary>Slots sessions hold now.</summary>
    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return _inUse;
            }
        }
    }

    /// <summary>Takes a slot for a new session; RESOURCE_EXHAUSTED at the limit, UNAVAILABLE once shutting down.</summary>
    public void Reserve()
    {
        lock (_gate)
        {
            if (_closed)
            {
                throw new ServerShuttingDownException();
            }

            if (_inUse >= Limit)
            {
                throw new SessionLimitReachedException(Limit);
            }

            _inUse++;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _inUse--;
        }

        Released?.Invoke();
    }

    /// <summary>Refuses every later <see cref="Reserve"/>: the server is shutting down.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }
}
