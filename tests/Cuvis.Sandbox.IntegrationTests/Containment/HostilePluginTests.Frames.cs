using Cuvis.Sandbox.IntegrationTests.Containment.Matrix;
using FluentAssertions.Execution;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

public sealed partial class HostilePluginTests
{
    [Fact]
    public async Task ForgingFramesIntoItsWorkersSockets_FailsOnlyItsOwnCall()
    {
        var worker = _supervisor.WorkerPidOf(_hostile.Id);

        // The plugin writes a frame whose header does not parse into every socket its worker holds,
        // the call channel carrying this very call first among them.
        var report = await _hostile.AttackAsync("forge-frames");
        var after = await _hostile.AttackAsync("whoami");
        var sameWorker = _supervisor.WorkerPidOf(_hostile.Id) == worker;
        await FinishAsync((HostileGroup.Escapes, "forge frames into every socket its worker holds (call channel, control channel)",
            report.StartsWith("call failed: Unavailable", StringComparison.Ordinal) && sameWorker
                ? HostileOutcome.Contained($"its own call failed ({HostileOutcome.Status(report)}: the forged answer was refused); the next call answered on the same worker")
                : HostileOutcome.Of(report, after)));

        using (new AssertionScope())
        {
            report.Should().StartWith("call failed: Unavailable", "the supervisor takes a frame it cannot read for a broken connection, never for an answer");
            report.Should().Contain("call channel failed", "the supervisor says which transport broke");
            ShouldHaveRun("a call after the attack", after);
            sameWorker.Should().BeTrue("a forged frame costs the call, not the worker");
        }
    }
}
