namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Decides which of a worker's output lines are re-logged: a token bucket of
/// <c>burst</c> lines, refilled at <c>linesPerSecond</c>. What prints faster is dropped from the
/// log (never from the tail kept for exit messages) and counted; the count is handed out once per
/// <c>reportInterval</c> while the flood lasts, before the next line that is logged again, and at
/// the end (<see cref="TakeSuppressed"/>), so the log says how much it left out.
/// </summary>
internal sealed class OutputLogLimiter
{
    private readonly int _burst;
    private readonly double _linesPerSecond;
    private readonly TimeSpan _reportInterval;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _refilledAt;
    private long _suppressed;
    private long _suppressingSince;

    public OutputLogLimiter(int burst, double linesPerSecond, TimeSpan reportInterval, TimeProvider timeProvider)
    {
        _burst = burst;
        _linesPerSecond = linesPerSecond;
        _reportInterval = reportInterval;
        _timeProvider = timeProvider;
        _tokens = burst;
        _refilledAt = timeProvider.GetTimestamp();
    }

    /// <summary>Takes one line: whether to log it, and how many suppressed lines to report first (0: none).</summary>
    public OutputLogAdmission Admit()
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_timeProvider.GetElapsedTime(_refilledAt, now).TotalSeconds * _linesPerSecond));
            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens--;
                return new OutputLogAdmission(Log: true, Suppressed: TakeSuppressedLocked());
            }

            if (_suppressed++ == 0)
            {
                _suppressingSince = now;
            }

            return _timeProvider.GetElapsedTime(_suppressingSince, now) >= _reportInterval
                ? new OutputLogAdmission(Log: false, Suppressed: TakeSuppressedLocked())
                : new OutputLogAdmission(Log: false, Suppressed: 0);
        }
    }

    /// <summary>The lines suppressed since the last report, resetting the count: for the report when output ends.</summary>
    public long TakeSuppressed()
    {
        lock (_gate)
        {
            return TakeSuppressedLocked();
        }
    }

    private long TakeSuppressedLocked()
    {
        var suppressed = _suppressed;
        _suppressed = 0;
        return suppressed;
    }
}
