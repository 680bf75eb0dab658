using Cuvis.Sandbox.Worker.Tensors;
using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Worker.Tests.Tensors;

/// <summary>When the worker gives a large call's memory back: once it has been quiet for the quiet period, never in between calls.</summary>
public sealed class LargeCallMemoryTests
{
    private const long Threshold = 64L * 1024 * 1024;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new();
    private int _collections;

    [Fact]
    public void LargeCall_CollectsOnce_AfterTheQuietPeriod()
    {
        using var memory = Memory(Threshold);

        Run(memory, Threshold);
        _time.Advance(Quiet - TimeSpan.FromMilliseconds(1));
        var early = _collections;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _time.Advance(Quiet * 5);

        early.Should().Be(0);
        _collections.Should().Be(1);
        memory.Collections.Should().Be(1);
    }

    [Fact]
    public void SmallCalls_AndAThresholdOfZero_NeverCollect()
    {
        using var memory = Memory(Threshold);
        using var never = Memory(0);

        Run(memory, Threshold - 1);
        Run(never, long.MaxValue);
        _time.Advance(Quiet * 10);

        _collections.Should().Be(0);
    }

    [Fact]
    public void CallsInTheQuietPeriod_PostponeTheCollection_UntilNoneRunsForAWholePeriod()
    {
        using var memory = Memory(Threshold);

        Run(memory, Threshold);
        _time.Advance(Quiet / 2);
        Run(memory, 10); // a small call resets the clock too
        _time.Advance(Quiet / 2);
        var afterFirstPeriod = _collections;
        var running = memory.Begin();
        _time.Advance(Quiet * 3);
        var whileRunning = _collections;
        running.Dispose();
        _time.Advance(Quiet - TimeSpan.FromMilliseconds(1));
        var justBefore = _collections;
        _time.Advance(TimeSpan.FromMilliseconds(1));

        afterFirstPeriod.Should().Be(0);
        whileRunning.Should().Be(0, "a call still runs");
        justBefore.Should().Be(0);
        _collections.Should().Be(1);
    }

    [Fact]
    public void ManyLargeCalls_InABurst_CollectOnceAfterIt()
    {
        using var memory = Memory(Threshold);

        for (var i = 0; i < 50; i++)
        {
            Run(memory, 2 * Threshold);
            _time.Advance(Quiet / 4);
        }

        _time.Advance(Quiet * 2);
        Run(memory, Threshold);
        _time.Advance(Quiet * 2);

        _collections.Should().Be(2, "one after the burst, one after the call that followed it");
    }

    private LargeCallMemory Memory(long threshold) => new(threshold, Quiet, _time, () => _collections++);

    private static void Run(LargeCallMemory memory, long bytes)
    {
        using var call = memory.Begin();
        call.Bytes = bytes;
    }
}
