using Cuvis.Sandbox.Supervisor.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Supervisor.Tests.Diagnostics;

public sealed class IncidentLogTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Recent_IsNewestFirst_WithTheTimeOfEach()
    {
        var log = new IncidentLog(_time);
        log.Record("a", IncidentKind.WorkerCrashed, "killed by signal SIGKILL");
        _time.Advance(TimeSpan.FromSeconds(2));
        log.Record("a", IncidentKind.Recovered, "pid 12 took over");

        log.Recent().Should().Equal(
            new Incident(_time.GetUtcNow(), "a", IncidentKind.Recovered, "pid 12 took over"),
            new Incident(_time.GetUtcNow() - TimeSpan.FromSeconds(2), "a", IncidentKind.WorkerCrashed, "killed by signal SIGKILL"));
    }

    [Fact]
    public void ACrashLoop_KeepsOnlyTheLastHundred_SoTheSupervisorsMemoryStaysBounded()
    {
        var log = new IncidentLog(_time);
        for (var i = 0; i < 10 * IncidentLog.Capacity; i++)
        {
            log.Record("s" + i, IncidentKind.WorkerCrashed, "crash " + i);
        }

        var recent = log.Recent();
        recent.Should().HaveCount(IncidentLog.Capacity);
        recent[0].SessionId.Should().Be("s999");
        recent[^1].SessionId.Should().Be("s900");
    }

    [Fact]
    public void ALongDetail_IsCutWithAnEllipsis()
    {
        var log = new IncidentLog(_time);

        log.Record("a", IncidentKind.ReplayFailed, new string('x', 10_000));

        var detail = log.Recent().Single().Detail;
        detail.Should().HaveLength(500).And.EndWith("…");
    }
}
