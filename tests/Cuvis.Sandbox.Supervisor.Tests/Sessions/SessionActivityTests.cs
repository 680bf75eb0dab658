using Cuvis.Sandbox.Supervisor.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Supervisor.Tests.Sessions;

public sealed class SessionActivityTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void IsIdle_NewSession_BecomesIdleOnlyAfterTheTimeout()
    {
        var sut = CreateSut();

        _time.Advance(Timeout - TimeSpan.FromSeconds(1));
        var before = sut.IsIdle(Timeout);
        _time.Advance(TimeSpan.FromSeconds(1));

        before.Should().BeFalse();
        sut.IsIdle(Timeout).Should().BeTrue();
    }

    [Fact]
    public void IsIdle_ACallInFlight_KeepsTheSessionAlivePastTheTimeout()
    {
        var sut = CreateSut();

        var call = sut.Begin();
        _time.Advance(Timeout * 3);

        sut.IsIdle(Timeout).Should().BeFalse("a long inference is not idleness");
        call.Dispose();
        sut.IsIdle(Timeout).Should().BeFalse("the timeout counts from the end of the last call");
        _time.Advance(Timeout);
        sut.IsIdle(Timeout).Should().BeTrue();
    }

    [Fact]
    public void IdleSessionReaper_ChecksAFewTimesPerTimeout_AndAtLeastEveryMinute()
    {
        IdleSessionReaper.CheckInterval(TimeSpan.FromSeconds(8)).Should().Be(TimeSpan.FromSeconds(2));
        IdleSessionReaper.CheckInterval(TimeSpan.FromHours(1)).Should().Be(TimeSpan.FromMinutes(1));
    }

    private SessionActivity CreateSut() => new(_time);
}
