namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Paces how fast the supervisor reads one worker's output: a token bucket of bytes, one second's
/// worth deep, refilled at <c>bytesPerSecond</c>. Past it the reader waits before its next read,
/// so a worker that floods its output blocks on its own pipe instead of costing the supervisor a
/// core to drain it. 0 bytes per second: no pacing.
/// </summary>
internal sealed class OutputPacer(long bytesPerSecond, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private double _tokens = bytesPerSecond;
    private long _refilledAt = timeProvider.GetTimestamp();

    /// <summary>Takes <paramref name="bytes"/> just read; returns how long to wait before reading more.</summary>
    public TimeSpan Take(int bytes)
    {
        if (bytesPerSecond <= 0)
        {
            return TimeSpan.Zero;
        }

        lock (_gate)
        {
            var now = timeProvider.GetTimestamp();
            _tokens = Math.Min(bytesPerSecond, _tokens + (timeProvider.GetElapsedTime(_refilledAt, now).TotalSeconds * bytesPerSecond));
            _refilledAt = now;
            _tokens -= bytes;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / bytesPerSecond);
        }
    }

    /// <summary>Takes <paramref name="bytes"/> and waits as long as <see cref="Take"/> says.</summary>
    public async ValueTask PaceAsync(int bytes, CancellationToken cancellationToken)
    {
        var wait = Take(bytes);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }
}
