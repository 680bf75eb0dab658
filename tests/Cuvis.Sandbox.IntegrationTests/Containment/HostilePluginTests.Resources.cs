using Cuvis.Sandbox.IntegrationTests.Containment.Matrix;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using FluentAssertions.Execution;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

public sealed partial class HostilePluginTests
{
    [Fact]
    public async Task ManagedAllocationPastTheMemoryLimit_IsAnOutOfMemoryInThatWorkerOnly()
    {
        // Twice the limit: on a host without one, 1 GiB is taken and given back.
        var report = await _hostile.AttackAsync("allocate", ("bytes", 2 * MemoryLimitBytes));

        Output.WriteLine("allocate: " + report);
        var after = report.StartsWith("call failed:", StringComparison.Ordinal) ? await _hostile.AttackAsync("whoami") : null;
        await FinishAsync((HostileGroup.CrashesAndRunaways, "allocate managed memory until OOM", HostileOutcome.Of(report, after)));
        if (!report.StartsWith("call failed: Unavailable", StringComparison.Ordinal))
        {
            report.Should().StartWith("blocked: OutOfMemoryException", "the managed heap limit sits below the memory limit");
            LongField(report, "allocated").Should().BeLessThanOrEqualTo(MemoryLimitBytes);
        }
    }

    [Fact]
    public async Task NativeAllocationPastTheMemoryLimit_EndsOnlyThatWorker()
    {
        var report = await _hostile.AttackAsync("allocate-native", ("bytes", 2 * MemoryLimitBytes));

        Output.WriteLine("allocate-native: " + report);
        var after = report.StartsWith("call failed:", StringComparison.Ordinal) ? await _hostile.AttackAsync("whoami") : null;
        await FinishAsync((HostileGroup.CrashesAndRunaways, "allocate native memory until OOM", HostileOutcome.Of(report, after)));
        report.Should().NotStartWith("succeeded:", "native memory counts against the session's limit too");
        if (IsBlocked(report))
        {
            LongField(report, "allocated").Should().BeLessThanOrEqualTo(MemoryLimitBytes);
        }
    }

    [Fact]
    public async Task ReturningAnOutputLargerThanAnyMessage_FailsThatCall_WithoutTheSupervisorHoldingIt()
    {
        // The largest output one tensor can be (2 GiB): the worker's heap limit stops it. Then one
        // that fits in the worker but not in a message (1.5 × Server:MaxMessageBytes).
        var largest = (long)Array.MaxLength;
        var oversized = MaxMessageBytes * 3 / 2;
        var peak = ProcessTable.StatusBytes(_supervisor.ProcessId, "VmHWM");

        var huge = await _hostile.AttackAsync("large-output", ("bytes", largest));
        var over = await _hostile.AttackAsync("large-output", ("bytes", oversized));
        var growth = ProcessTable.StatusBytes(_supervisor.ProcessId, "VmHWM") - peak;
        var after = await _hostile.AttackAsync("whoami");

        var held = $"; supervisor memory peak +{growth >> 20} MiB";
        await FinishAsync(
            (HostileGroup.Floods, $"return a {Math.Round(largest / (double)(1L << 30))} GiB output (the largest a tensor holds)", HostileOutcome.Of(huge) + held),
            (HostileGroup.Floods, $"return a {oversized >> 20} MiB output (over the {MaxMessageBytes >> 20} MiB message limit)",
                HostileOutcome.Of(over, after) + held));

        using (new AssertionScope())
        {
            huge.Should().StartWith("blocked: OutOfMemoryException", "a worker's heap cannot hold 2 GiB");
            over.Should().StartWith("call failed: ResourceExhausted", "no message may exceed Server:MaxMessageBytes");
            growth.Should().BeLessThan(oversized / 2, "the supervisor never holds the oversized output");
            after.Should().StartWith("succeeded:", "the worker answers on after a refused output");
        }
    }
}
