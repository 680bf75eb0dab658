namespace Cuvis.Sandbox.Bench.Tests;

/// <summary>The lines as the supervisor writes them (its console format: a local HH:mm:ss.fff timestamp first).</summary>
public sealed class SupervisorLogBookTests
{
    private const string Session = "294d7ce2-e568-4e1e-a705-cbfe47cd2bfc";

    private readonly SupervisorLogBook _book = new();

    [Fact]
    public void ReadsTheWorkerPidOfACreatedSession()
    {
        _book.Read($"14:47:15.100 info: Cuvis.Sandbox.Supervisor.Sessions.SessionRegistry[2000] Session {Session} created (worker pid 9766; 1 open)");

        _book.WorkerOf(Session).Should().Be(9766);
        _book.WorkerOf("other").Should().BeNull();
    }

    [Fact]
    public void ThePool_IsFullFromAReadyLineSayingSo_UntilASessionTakesAWorker()
    {
        _book.Read("14:47:15.100 info: Cuvis.Sandbox.Supervisor.Sessions.WorkerPool[2120] Worker pool: worker pid 9766 ready (3 of 4 pooled)");
        _book.PoolIsFull.Should().BeFalse();

        _book.Read("14:47:15.900 info: Cuvis.Sandbox.Supervisor.Sessions.WorkerPool[2120] Worker pool: worker pid 9767 ready (4 of 4 pooled)");
        _book.PoolIsFull.Should().BeTrue();

        _book.Read($"14:47:16.000 info: Cuvis.Sandbox.Supervisor.Sessions.WorkerPool[2121] Session {Session}: took pooled worker pid 9766");
        _book.PoolIsFull.Should().BeFalse();
        _book.PoolTakes.Should().Be(1);
        _book.PooledWorkers.Should().Be(3);
    }

    [Fact]
    public void ThePool_IsNotFullBeforeAnyReadyLine()
    {
        _book.PoolIsFull.Should().BeFalse();
        _book.PoolTakes.Should().Be(0);
    }

    [Fact]
    public void ABuild_TakesFromItsBuildingLineToItsBuiltLine()
    {
        _book.Read("23:59:58.500 info: Cuvis.Sandbox.Supervisor.Plugins.Building.PluginBuilder[2451] Plugin scaler: building 3f2a1b");
        _book.Read("00:00:10.250 info: Cuvis.Sandbox.Supervisor.Plugins.Building.PluginBuilder[2452] Plugin scaler: built 3f2a1b");

        _book.BuildTime("scaler").Should().Be(TimeSpan.FromMilliseconds(11_750));
        _book.BuildTime("other").Should().BeNull();
    }

    [Fact]
    public void ABuiltLine_WithoutItsBuildingLine_IsNoBuildTime()
    {
        _book.Read("00:00:10.250 info: P[2452] Plugin scaler: built 3f2a1b");

        _book.BuildTime("scaler").Should().BeNull();
    }
}

public sealed class ProcessMemoryTests
{
    [Fact]
    public void VmRss_IsReadInBytes() =>
        ProcessMemory.ParseVmRss(["Name:\tdotnet", "VmPeak:\t  999 kB", "VmRSS:\t   61440 kB"]).Should().Be(60L << 20);

    [Fact]
    public void ThisProcess_HasAnRss() => ProcessMemory.RssBytes(Environment.ProcessId).Should().BePositive();
}
