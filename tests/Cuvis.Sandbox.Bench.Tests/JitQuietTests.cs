namespace Cuvis.Sandbox.Bench.Tests;

public sealed class JitQuietTests
{
    [Fact]
    public void AQuietWarmUp_SaysWhoWentQuiet() =>
        JitQuiet.Describe(12, 200, quiet: true, "the three processes (supervisor, its worker, the bench)", TimeSpan.FromSeconds(10))
            .Should().Be("after 12 warm-up rounds of 200 calls, until the three processes (supervisor, its worker, the bench)' tier-1 JIT was under 5 % of their CPU");

    [Fact]
    public void AWarmUpThatRanOutOfTime_SaysTheJitWasStillBusy() =>
        JitQuiet.Describe(30, 200, quiet: false, "the processes", TimeSpan.FromSeconds(10))
            .Should().Be("after 30 warm-up rounds of 200 calls, 10 s, with their JIT still busy");
}
