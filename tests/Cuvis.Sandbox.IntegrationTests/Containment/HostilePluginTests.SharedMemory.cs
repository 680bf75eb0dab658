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
        // travel in a shared-memory file, which the supervisor maps to read the answer.
        var report = await _hostile.AttackAsync(TimeSpan.FromSeconds(60), triggerValues: 256 * 1024, "shared-memory");
        var supervisorFiles = SharedMemoryFiles.Of(_supervisor.ProcessId);
        var workerFiles = SharedMemoryFiles.Of(_supervisor.WorkerPidOf(_hostile.Id));
        await FinishAsync((HostileGroup.Escapes, "shrink or seal the shared-memory file its request came in", HostileOutcome.Of(report)));

        using (new AssertionScope())
        {
            ShouldHaveRun("shared-memory", report);
            LongField(report, "files").Should().BeGreaterThan(0, "the request must have come through a shared-memory file: " + report);
            report.Should().StartWith("blocked:", "the supervisor sealed the file against shrinking and against new seals");
            supervisorFiles.Should().BeEmpty("once the call answered, the supervisor holds none of its shared-memory files");
            workerFiles.Should().BeEmpty("once the call answered, the worker holds none of its shared-memory files");
        }
    }
}
