namespace Cuvis.Sandbox.Bench.Tests;

public sealed class ProcessCpuTests
{
    [Fact]
    public void ParseStat_ReadsTheNameAndUserPlusSystemTime_EvenWithSpacesAndParenthesesInTheName()
    {
        const string Stat = "4321 (.NET Tiered Com) S 1 4321 4321 0 -1 4194368 120 0 0 0 250 31 0 0 20 0 17 0 1234 0 0";

        ProcessCpu.ParseStat(Stat).Should().Be((".NET Tiered Com", 2.81));
        ProcessCpu.ParseStat("1 (a) b) S 1 1 1 0 -1 0 0 0 0 0 7 3 0").Should().Be(("a) b", 0.10));
    }

    [Fact]
    public void ParseStat_OfWhatIsNoStatLine_IsNull()
    {
        ProcessCpu.ParseStat("").Should().BeNull();
        ProcessCpu.ParseStat("4321 (dotnet) S 1").Should().BeNull();
    }

    [Fact]
    public void Since_CountsOnlyTheJitThreadsSeenNow_SoAThreadThatExitedTakesNothingAway()
    {
        var before = new CpuTime(TimeSpan.FromSeconds(10), new Dictionary<string, double> { ["/proc/1/task/5"] = 3.0 });
        var after = new CpuTime(TimeSpan.FromSeconds(12), new Dictionary<string, double> { ["/proc/1/task/9"] = 0.5 });

        var (total, jit) = after.Since(before);

        total.Should().Be(TimeSpan.FromSeconds(2));
        jit.Should().Be(TimeSpan.FromSeconds(0.5), "thread 5 exited; thread 9 is new and all its time falls in the interval");
    }

    [Fact]
    public void Read_OfThisProcess_SeesSomeCpuTime_AndOfAProcessThatIsGone_Nothing()
    {
        ProcessCpu.Read([Environment.ProcessId]).Total.Should().BePositive();
        ProcessCpu.Read([int.MaxValue]).Total.Should().Be(TimeSpan.Zero);
    }
}
