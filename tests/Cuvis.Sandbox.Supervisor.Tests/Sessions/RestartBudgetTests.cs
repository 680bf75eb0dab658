using Cuvis.Sandbox.Supervisor.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Supervisor.Tests.Sessions;

public sealed class RestartBudgetTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryConsume_AllowsMaxRestartsWithinTheWindow_ThenRefusesWithoutSpending()
    {
        var sut = CreateSut(max: 3);

        var granted = Enumerable.Range(0, 3).Select(_ => sut.TryConsume()).ToArray();
        var refused = sut.TryConsume();

        granted.Should().AllSatisfy(g => g.Should().BeTrue());
        refused.Should().BeFalse();
        sut.Used.Should().Be(3);
    }

    [Fact]
    public void TryConsume_SlidesTheWindow_EachRestartComesBackWhenItLeavesTheWindow()
    {
        var sut = CreateSut(max: 2);
        sut.TryConsume();
        _time.Advance(TimeSpan.FromMinutes(2));
        sut.TryConsume();

        _time.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromTicks(1));
        var beforeTheFirstLeaves = sut.TryConsume();
        _time.Advance(TimeSpan.FromTicks(1));
        var afterTheFirstLeft = sut.TryConsume();

        beforeTheFirstLeaves.Should().BeFalse();
        afterTheFirstLeft.Should().BeTrue();
        sut.Used.Should().Be(2);
    }

    [Fact]
    public void TryConsume_WithZeroMax_NeverAllowsARestart() =>
        CreateSut(max: 0).TryConsume().Should().BeFalse();

    private RestartBudget CreateSut(int max) => new(max, TimeSpan.FromMinutes(5), _time);
}
