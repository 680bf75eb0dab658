using Cuvis.Sandbox.Supervisor.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Supervisor.Tests.Sessions;

public sealed class RestartPolicyTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly List<(Exception Failure, TimeSpan Delay)> _retries = [];
    private SessionOptions _options = new() { MaxRestarts = 3, RestartWindow = TimeSpan.FromMinutes(5), RestartBackoff = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task RestartAsync_FirstRestartInTheWindow_RunsAtOnce()
    {
        var sut = CreateSut();
        var attempts = 0;

        var result = await sut.RestartAsync("crash", _ => ValueTask.FromResult(++attempts), OnRetry, CancellationToken.None).WaitAsync(Bounded);

        result.Should().Be(1);
        sut.Used.Should().Be(1);
    }

    [Fact]
    public async Task RestartAsync_FailedReplay_IsRetriedAfterTheBackoff_AndSpendsTheBudget()
    {
        var sut = CreateSut();
        var attempts = 0;

        var restart = sut.RestartAsync("crash", _ => ++attempts == 1 ? throw new InvalidOperationException("replay failed") : ValueTask.FromResult(attempts),
            OnRetry, CancellationToken.None);
        await WaitUntilAsync(() => _retries.Count == 1);
        _time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1));
        var beforeTheBackoff = attempts;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await restart.WaitAsync(Bounded);

        beforeTheBackoff.Should().Be(1);
        result.Should().Be(2);
        _retries.Should().ContainSingle().Which.Delay.Should().Be(TimeSpan.FromSeconds(1));
        sut.Used.Should().Be(2, "the failed replay counts against the budget");
    }

    [Fact]
    public async Task RestartAsync_BudgetSpentByFailedReplays_ThrowsNamingTheLastFailureAndTheCrash()
    {
        _options = new SessionOptions { MaxRestarts = 2, RestartBackoff = TimeSpan.Zero };
        var sut = CreateSut();
        var attempts = 0;

        var restart = () => sut.RestartAsync<int>("worker killed by SIGKILL",
            _ => throw new InvalidOperationException($"replay {++attempts} failed"), OnRetry, CancellationToken.None).WaitAsync(Bounded);

        var spent = (await restart.Should().ThrowAsync<RestartBudgetSpentException>()).Which;
        attempts.Should().Be(2);
        spent.LastCause.Should().Contain("replay 2 failed").And.Contain("worker killed by SIGKILL");
    }

    [Fact]
    public async Task RestartAsync_WithTheBudgetSpentByEarlierCrashes_ThrowsTheCrashCauseWithoutAnAttempt()
    {
        _options = new SessionOptions { MaxRestarts = 1 };
        var sut = CreateSut();
        await sut.RestartAsync("first crash", _ => ValueTask.FromResult(0), OnRetry, CancellationToken.None).WaitAsync(Bounded);
        var attempted = false;

        var second = () => sut.RestartAsync("second crash", _ => ValueTask.FromResult(attempted = true), OnRetry, CancellationToken.None);

        (await second.Should().ThrowAsync<RestartBudgetSpentException>()).Which.LastCause.Should().Be("second crash");
        attempted.Should().BeFalse();
    }

    [Fact]
    public async Task RestartAsync_LaterCrashesInTheWindow_WaitLongerEachTime_AndTheWindowForgets()
    {
        _options = new SessionOptions { MaxRestarts = 5, RestartBackoff = TimeSpan.FromSeconds(1), RestartWindow = TimeSpan.FromMinutes(5) };
        var sut = CreateSut();
        await sut.RestartAsync("crash 1", _ => ValueTask.FromResult(1), OnRetry, CancellationToken.None).WaitAsync(Bounded);

        var waits = new List<TimeSpan>();
        foreach (var crash in new[] { 2, 3 })
        {
            var started = _time.GetUtcNow();
            var restart = sut.RestartAsync($"crash {crash}", _ => ValueTask.FromResult(crash), OnRetry, CancellationToken.None);
            while (!restart.IsCompleted)
            {
                _time.Advance(TimeSpan.FromMilliseconds(250));
                await Task.Yield();
                await Task.Delay(1);
            }

            await restart;
            waits.Add(_time.GetUtcNow() - started);
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        var afterTheWindow = sut.RestartAsync("crash 4", _ => ValueTask.FromResult(4), OnRetry, CancellationToken.None);

        waits[0].Should().BeCloseTo(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(250));
        waits[1].Should().BeCloseTo(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(250));
        (await afterTheWindow.WaitAsync(Bounded)).Should().Be(4, "a crash after the window restarts at once");
    }

    private void OnRetry(Exception failure, TimeSpan delay) => _retries.Add((failure, delay));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Bounded;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(until, "the condition holds within the bound");
            await Task.Delay(1);
        }
    }

    private RestartPolicy CreateSut() => new(_options, _time);
}
