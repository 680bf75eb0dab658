using Cuvis.Sandbox.Supervisor.Workers;
using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers;

public sealed class OutputPacerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Take_WithinOneSecondsWorth_NeedsNoWait()
    {
        var sut = CreateSut(bytesPerSecond: 1000);

        var waits = Enumerable.Range(0, 10).Select(_ => sut.Take(100)).ToArray();

        waits.Should().AllSatisfy(wait => wait.Should().Be(TimeSpan.Zero));
    }

    [Fact]
    public void Take_PastTheBucket_WaitsAsLongAsTheDeficitTakesToRefill()
    {
        var sut = CreateSut(bytesPerSecond: 1000);
        sut.Take(1000);

        var wait = sut.Take(500);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        var afterWaiting = sut.Take(0);

        wait.Should().Be(TimeSpan.FromMilliseconds(500));
        afterWaiting.Should().Be(TimeSpan.Zero, "the wait paid for the deficit");
    }

    [Fact]
    public void Take_AFloodReadAtTheLimit_AveragesTheRate()
    {
        var sut = CreateSut(bytesPerSecond: 64 * 1024);
        var read = 0L;
        var clock = TimeSpan.Zero;

        // A reader that waits as told: 10 s of reads of 16 KiB each.
        while (clock < TimeSpan.FromSeconds(10))
        {
            read += 16 * 1024;
            var wait = sut.Take(16 * 1024);
            _time.Advance(wait);
            clock += wait;
        }

        read.Should().BeInRange(10 * 64 * 1024, 12 * 64 * 1024, "about a second's worth at once, then the rate");
    }

    [Fact]
    public void Take_WithARateOfZero_NeverWaits() =>
        CreateSut(bytesPerSecond: 0).Take(int.MaxValue).Should().Be(TimeSpan.Zero);

    private OutputPacer CreateSut(long bytesPerSecond) => new(bytesPerSecond, _time);
}
