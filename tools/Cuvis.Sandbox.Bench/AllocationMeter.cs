using System.Diagnostics.Tracing;

namespace Cuvis.Sandbox.Bench;

/// <summary>
/// The bytes the bench process has allocated while the meter runs, less the arrays
/// <c>ArrayPool&lt;T&gt;.Shared</c> allocated to refill itself (its <c>BufferAllocated</c> event).
/// Whether a rent finds a pooled buffer depends on the thread and core it runs on and on the last
/// gen-2 trim, so a call that allocates 129 MiB may show 385 MiB when the pool makes a new 256 MiB
/// bucket for its message; without the refills, every 128 MiB call reads the same.
/// </summary>
internal sealed class AllocationMeter : EventListener
{
    private const string ArrayPoolSource = "System.Buffers.ArrayPoolEventSource";
    private const int BufferAllocated = 2;
    private long _refills;

    /// <summary>Allocated so far, less the pool's refills since the meter started: take the difference of two readings.</summary>
    public long Allocated => GC.GetTotalAllocatedBytes(precise: true) - Interlocked.Read(ref _refills);

    // Called from the base constructor too, before this class's fields are set: it uses constants only.
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == ArrayPoolSource)
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // BufferAllocated(int bufferId, int bufferSize, int poolId, int bucketId, BufferAllocatedReason reason).
        if (eventData.EventId == BufferAllocated && eventData.Payload is [_, int size, ..])
        {
            Interlocked.Add(ref _refills, size);
        }
    }
}
