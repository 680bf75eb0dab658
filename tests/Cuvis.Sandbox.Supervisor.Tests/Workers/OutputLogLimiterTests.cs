using Cuvis.Sandbox.Supervisor.Workers;
using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers;

public sealed class OutputLogLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Admit_WithinTheBurst_LogsEveryLine()
    {
        var sut = CreateSut(burst: 5);

        var admissions = Enumerable.Range(0, 5).Select(_ => sut.Admit()).ToArray();

        admissions.Should().AllSatisfy(a => a.Should().Be(new OutputLogAdmission(Log: true, Suppressed: 0)));
    }

    [Fact]
    public void Admit_PastTheBurst_DropsLines_UntilTimeRefillsTheBucket()
    {
        var sut = CreateSut(burst: 3, linesPerSecond: 2);
        Spend(sut, 3);

        var dropped = Enumerable.Range(0, 100).Select(_ => sut.Admit().Log).ToArray();
        _time.Advance(TimeSpan.FromMilliseconds(250));
        var beforeAToken = sut.Admit().Log;
        _time.Advance(TimeSpan.FromMilliseconds(250));
        var afterAToken = sut.Admit();

        dropped.Should().AllSatisfy(log => log.Should().BeFalse());
        beforeAToken.Should().BeFalse();
        afterAToken.Should().Be(new OutputLogAdmission(Log: true, Suppressed: 101), "the first line logged again reports what was left out");
    }

    [Fact]
    public void Admit_AnEndlessFlood_ReportsTheSuppressedCountOncePerInterval()
    {
        var sut = CreateSut(burst: 1, linesPerSecond: 0, reportInterval: TimeSpan.FromSeconds(10));
        Spend(sut, 1);
        var reports = new List<long>();

        // 1,000 lines a second for 35 s, none of them logged.
        for (var i = 0; i < 35_000; i++)
        {
            var admission = sut.Admit();
            admission.Log.Should().BeFalse();
            if (admission.Suppressed > 0)
            {
                reports.Add(admission.Suppressed);
            }

            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        reports.Should().HaveCount(3, "one report per 10 s interval");
        (reports.Sum() + sut.TakeSuppressed()).Should().Be(35_000, "every dropped line is counted once");
    }

    [Fact]
    public void Admit_RefillsNoMoreThanTheBurst_HoweverLongItWasQuiet()
    {
        var sut = CreateSut(burst: 4, linesPerSecond: 100);
        _time.Advance(TimeSpan.FromHours(1));

        var logged = Enumerable.Range(0, 10).Count(_ => sut.Admit().Log);

        logged.Should().Be(4);
    }

    [Fact]
    public void TakeSuppressed_HandsTheCountOutOnce()
    {
        var sut = CreateSut(burst: 1, linesPerSecond: 0);
        Spend(sut, 1);
        sut.Admit();
        sut.Admit();

        var first = sut.TakeSuppressed();
        var second = sut.TakeSuppressed();

        first.Should().Be(2);
        second.Should().Be(0);
    }

    private static void Spend(OutputLogLimiter sut, int lines)
    {
        for (var i = 0; i < lines; i++)
        {
            sut.Admit().Log.Should().BeTrue();
        }
    }

    private OutputLogLimiter CreateSut(int burst, double linesPerSecond = 1, TimeSpan? reportInterval = null) =>
        new(burst, linesPerSecond, reportInterval ?? TimeSpan.FromSeconds(10), _time);
}
