using System.Buffers;

namespace Cuvis.Sandbox.Bench.Tests;

public sealed class AllocationMeterTests
{
    [Fact]
    public void AnArrayTheCallMakes_Counts()
    {
        using var meter = new AllocationMeter();
        var before = meter.Allocated;

        var array = new byte[8 << 20];

        (meter.Allocated - before).Should().BeGreaterThanOrEqualTo(array.Length);
    }

    [Fact]
    public void AnArrayThePoolMakesToRefillItself_DoesNot()
    {
        using var meter = new AllocationMeter();
        var before = meter.Allocated;

        // The pool makes a 64 MiB bucket for it, or hands out one it kept: neither is the caller's garbage.
        var rented = ArrayPool<byte>.Shared.Rent((64 << 20) - 3);
        var allocated = meter.Allocated - before;
        ArrayPool<byte>.Shared.Return(rented);

        rented.Length.Should().Be(64 << 20);
        allocated.Should().BeLessThan(16 << 20, "other tests may allocate meanwhile, but not a 64 MiB array");
    }
}
