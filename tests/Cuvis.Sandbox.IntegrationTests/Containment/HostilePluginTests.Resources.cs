namespace Cuvis.Sandbox.IntegrationTests.Containment;

public sealed partial class HostilePluginTests
{
    [Fact]
    public async Task ManagedAllocationPastTheMemoryLimit_IsAnOutOfMemoryInThatWorkerOnly()
    {
        // Twice the limit: on a host without one, 1 GiB is taken and given back.
        var report = await _hostile.AttackAsync("allocate", ("bytes", 2 * MemoryLimitBytes));

        Output.WriteLine("allocate: " + report);
        if (!report.StartsWith("call failed: Unavailable", StringComparison.Ordinal))
        {
            report.Should().StartWith("blocked: OutOfMemoryException", "the managed heap limit sits below the memory limit");
            LongField(report, "allocated").Should().BeLessThanOrEqualTo(MemoryLimitBytes);
        }

        await HealthySessionAndSupervisorSurvivedAsync();
    }

    [Fact]
    public async Task NativeAllocationPastTheMemoryLimit_EndsOnlyThatWorker()
    {
        var report = await _hostile.AttackAsync("allocate-native", ("bytes", 2 * MemoryLimitBytes));

        Output.WriteLine("allocate-native: " + report);
        report.Should().NotStartWith("succeeded:", "native memory counts against the session's limit too");
        if (IsBlocked(report))
        {
            LongField(report, "allocated").Should().BeLessThanOrEqualTo(MemoryLimitBytes);
        }

        await HealthySessionAndSupervisorSurvivedAsync();
    }
}
