using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Supervisor.Profiling;

namespace Cuvis.Sandbox.Supervisor.Tests.Profiling;

public sealed class SessionProfilingTests
{
    [Fact]
    public void Statistics_MatchTheSamples_WithAPopulationStd_AndAnEvenCountsMedian()
    {
        var profiling = Enabled();
        foreach (var micros in new[] { 4000, 1000, 3000, 2000 })
        {
            profiling.Observe(WorkerProtocol.NodeTimesTrailer, $"rx={micros}");
        }

        var rx = profiling.Summary().Should().ContainSingle().Subject;
        rx.Count.Should().Be(4);
        rx.MeanMs.Should().BeApproximately(2.5, 1e-12);
        rx.MedianMs.Should().BeApproximately(2.5, 1e-12);
        rx.StdMs.Should().BeApproximately(Math.Sqrt(1.25), 1e-12);
        (rx.MinMs, rx.MaxMs, rx.TotalMs, rx.LastMs).Should().Be((1.0, 4.0, 10.0, 2.0));
    }

    [Fact]
    public void TheMedian_IsOfTheLatestWindow_WhileTheOtherFiguresCoverEverySample()
    {
        var profiling = Enabled();
        for (var i = 0; i < NodeTimings.MedianWindow; i++)
        {
            profiling.Observe(WorkerProtocol.NodeTimesTrailer, "n=1000000");
        }

        for (var i = 0; i < NodeTimings.MedianWindow; i++)
        {
            profiling.Observe(WorkerProtocol.NodeTimesTrailer, "n=1000");
        }

        var n = profiling.Summary().Single();
        n.MedianMs.Should().Be(1);
        n.MaxMs.Should().Be(1000);
        n.Count.Should().Be(2 * NodeTimings.MedianWindow);
    }

    [Fact]
    public void AWorkersTrailer_IsReadAsUntrusted_OnlyIdentifierAndMicrosecondEntriesCount()
    {
        var profiling = Enabled();

        profiling.Observe(WorkerProtocol.NodeTimesTrailer, "ok=5;=3;9bad=1;sp ace=2;neg=-4;big=99999999999999999999;dot.ted=1;x=1=2;;also_ok=7");
        profiling.Observe("cuvis-other", "ignored=1");

        profiling.Summary().Select(s => (s.NodeName, s.LastMs)).Should().Equal(("ok", 0.005), ("also_ok", 0.007));
    }

    [Fact]
    public void NodesPastTheCap_AreIgnored()
    {
        var profiling = Enabled();
        for (var i = 0; i <= SessionProfiling.MaxNodes; i++)
        {
            profiling.Observe(WorkerProtocol.NodeTimesTrailer, $"n{i}=1");
        }

        profiling.Summary().Should().HaveCount(SessionProfiling.MaxNodes).And.NotContain(s => s.NodeName == $"n{SessionProfiling.MaxNodes}");
    }

    [Fact]
    public void Disabled_SkipFirst_Reset_AndRestart_DoWhatTheySay()
    {
        var profiling = new SessionProfiling();
        profiling.Observe(WorkerProtocol.NodeTimesTrailer, "a=1");
        profiling.Summary().Should().BeEmpty("off by default");

        profiling.Configure(enabled: true, reset: false, skipFirst: 2);
        for (var i = 0; i < 3; i++)
        {
            profiling.Observe(WorkerProtocol.NodeTimesTrailer, "a=1");
        }

        profiling.Summary().Single().Count.Should().Be(1);
        profiling.Configure(enabled: false, reset: false, skipFirst: 0);
        profiling.Observe(WorkerProtocol.NodeTimesTrailer, "a=1");
        profiling.Summary().Single().Count.Should().Be(1, "turning it off keeps what was gathered");
        profiling.Configure(enabled: true, reset: true, skipFirst: 0);
        profiling.Summary().Should().BeEmpty();
        profiling.Observe(WorkerProtocol.NodeTimesTrailer, "a=1");
        profiling.Restart();
        profiling.Summary().Should().BeEmpty();
        profiling.Enabled.Should().BeTrue("a new pipeline restarts the profile, not the setting");
    }

    private static SessionProfiling Enabled()
    {
        var profiling = new SessionProfiling();
        profiling.Configure(enabled: true, reset: false, skipFirst: 0);
        return profiling;
    }
}
