using System.Collections.Concurrent;

namespace Cuvis.Sandbox.Worker.Grpc;

/// <summary>
/// The forwarded calls whose handlers have not returned yet, by the supervisor's call id. A call
/// stays here after its cancellation until its handler really ends, which is what the
/// supervisor needs to know before it decides a worker is stuck.
/// </summary>
internal sealed class RunningCalls
{
    private readonly ConcurrentDictionary<long, byte> _calls = new();

    public void Started(long callId) => _calls.TryAdd(callId, 0);

    public void Ended(long callId) => _calls.TryRemove(callId, out _);

    public IEnumerable<long> Snapshot() => _calls.Keys;
}
