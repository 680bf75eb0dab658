using Cuvis.Sandbox.IntegrationTests.Containment.Matrix;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using FluentAssertions.Execution;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

public sealed partial class HostilePluginTests
{
    [Fact]
    public async Task TamperingWithTheSharedMemoryFileOfItsCall_CannotHurtTheSupervisor()
    {
        // 1 MiB of trigger: past Workers:SharedMemoryThresholdBytes, so the request and its answer
        // travel in the session's shared-memory arena, which the supervisor reads the answer from.
        var report = await _hostile.AttackAsync(TimeSpan.FromSeconds(60), triggerValues: 256 * 1024, "shared-memory");
        var after = await _hostile.AttackAsync(TimeSpan.FromSeconds(60), triggerValues: 256 * 1024, "whoami");
        await FinishAsync((HostileGroup.Escapes, "shrink or seal the shared-memory file its request came in", HostileOutcome.Of(report)));
        var supervisorFiles = SharedMemoryFiles.Of(_supervisor.ProcessId);

        using (new AssertionScope())
        {
            ShouldHaveRun("shared-memory", report);
            LongField(report, "files").Should().BeGreaterThan(0, "the request must have come through a shared-memory file: " + report);
            report.Should().StartWith("blocked:", "the supervisor sealed the file against shrinking and against new seals");
            ShouldHaveRun("a call after the attack, through the same arena", after);
            supervisorFiles.Should().BeEmpty("closing the hostile session released its arenas");
        }
    }
}
