namespace Cuvis.Sandbox.Worker.Tensors;

/// <summary>
/// Gives the memory of large Inference calls back to the OS once the worker is quiet. A large
/// call's parsed request tensors and its nodes' outputs are large-object garbage afterwards, and
/// the GC keeps room for several calls' worth of it (measured: a worker rose from 456 MiB after
/// one 128 MiB call to a 970 MiB plateau). So when no Inference has run for the quiet period
/// (<see cref="Hosting.WorkerArguments.ReleaseMemoryQuietPeriod"/>) after one that moved at least
/// <see cref="Hosting.WorkerArguments.ReleaseMemoryAfterBytes"/>, the worker runs one aggressive,
/// compacting collection, which decommits what it freed. Not after every large call: the memory
/// given back must be faulted in again by the next one, which cost a back-to-back 128 MiB call
/// about a fifth of its time (measured: 988 ms against 775 ms), and with a quiet period of 1 s,
/// calls a second apart paid it too (1.22-1.53x the direct call against 0.98-1.04x without).
/// </summary>
internal sealed class LargeCallMemory : IDisposable
{
    private readonly long _thresholdBytes;
    private readonly TimeSpan _quietPeriod;
    private readonly TimeProvider _timeProvider;
    private readonly Action _collect;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private int _running;
    private long _lastEnded;
    private bool _owed;

    /// <param name="thresholdBytes">Request and answer bytes from which a call is large; 0 never collects.</param>
    /// <param name="quietPeriod">How long the worker must run no Inference before it collects.</param>
    /// <param name="timeProvider">The clock the quiet period is measured on.</param>
    /// <param name="collect">The collection; by default an aggressive, compacting one (tests count it instead).</param>
    public LargeCallMemory(long thresholdBytes, TimeSpan quietPeriod, TimeProvider timeProvider, Action? collect = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quietPeriod, TimeSpan.Zero);
        _thresholdBytes = thresholdBytes;
        _quietPeriod = quietPeriod;
        _timeProvider = timeProvider;
        _collect = collect ?? (static () => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true));
        _timer = timeProvider.CreateTimer(_ => OnQuiet(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Collections run so far.</summary>
    public int Collections { get; private set; }

    /// <summary>An Inference starts; dispose the result when its handler ends.</summary>
    public Call Begin()
    {
        lock (_gate)
        {
            _running++;
        }

        return new Call(this);
    }

    public void Dispose() => _timer.Dispose();

    private void End(long bytes)
    {
        lock (_gate)
        {
            _running--;
            _lastEnded = _timeProvider.GetTimestamp();
            if (_thresholdBytes > 0 && bytes >= _thresholdBytes && !_owed)
            {
                _owed = true;
                _timer.Change(_quietPeriod, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnQuiet()
    {
        lock (_gate)
        {
            if (!_owed)
            {
                return;
            }

            var quietFor = _timeProvider.GetElapsedTime(_lastEnded);
            if (_running > 0 || quietFor < _quietPeriod)
            {
                // Calls ran meanwhile: wait for the quiet period after the last of them.
                _timer.Change(_running > 0 ? _quietPeriod : _quietPeriod - quietFor, Timeout.InfiniteTimeSpan);
                return;
            }

            _owed = false;
        }

        _collect();
        Collections++;
    }

    /// <summary>One Inference while its handler runs.</summary>
    public sealed class Call(LargeCallMemory owner) : IDisposable
    {
        private bool _ended;

        /// <summary>Request and answer bytes the call moved; set before it is disposed.</summary>
        public long Bytes { get; set; }

        public void Dispose()
        {
            if (!_ended)
            {
                _ended = true;
                owner.End(Bytes);
            }
        }
    }
}
