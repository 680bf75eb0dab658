using Cuvis.Sandbox.Supervisor.Diagnostics;

namespace Cuvis.Sandbox.Supervisor.Hosting;

/// <summary>
/// The request bytes the public port holds at once, kept under <see cref="Limit"/>
/// (<c>Server:MaxInFlightRequestBytes</c>). One instance serves the whole process.
/// </summary>
internal sealed class RequestBytesBudget
{
    private readonly SandboxMetrics _metrics;
    private long _inFlight;

    public RequestBytesBudget(long limit, SandboxMetrics metrics)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Limit = limit;
        _metrics = metrics;
    }

    public long Limit { get; }

    /// <summary>Bytes reserved now and not yet released.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>
    /// Reserves <paramref name="bytes"/> when they fit beside what is in flight. A refusal changes
    /// nothing but the rejection counter; the caller answers the request itself.
    /// </summary>
    public bool TryReserve(long bytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Reservation? reservation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        // Compare and swap rather than add-then-undo: a reservation that is rolled back would
        // still, for a moment, make a concurrent one that fits look as if it did not.
        var current = Interlocked.Read(ref _inFlight);
        while (bytes <= Limit - current)
        {
            var seen = Interlocked.CompareExchange(ref _inFlight, current + bytes, current);
            if (seen == current)
            {
                _metrics.InFlightRequestBytes(bytes);
                reservation = new Reservation(this, bytes);
                return true;
            }

            current = seen;
        }

        _metrics.RequestRejected();
        reservation = null;
        return false;
    }

    private void Release(long bytes)
    {
        Interlocked.Add(ref _inFlight, -bytes);
        _metrics.InFlightRequestBytes(-bytes);
    }

    /// <summary>Bytes held for one request; disposing gives them back, once however often it is called.</summary>
    internal sealed class Reservation(RequestBytesBudget budget, long bytes) : IDisposable
    {
        private int _released;

        public long Bytes { get; } = bytes;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                budget.Release(Bytes);
            }
        }
    }
}
