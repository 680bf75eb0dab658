using System.Collections.Concurrent;

namespace Cuvis.Sandbox.Chaos;

/// <summary>Every call of the run, in the order they ended.</summary>
internal sealed class CallLedger
{
    private readonly ConcurrentQueue<CallRecord> _calls = new();

    public void Add(CallRecord call) => _calls.Enqueue(call);

    public IReadOnlyList<CallRecord> Calls => [.. _calls];
}
