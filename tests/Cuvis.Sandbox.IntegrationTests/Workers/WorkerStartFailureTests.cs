using System.Diagnostics;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Workers;

public sealed class WorkerStartFailureTests(ITestOutputHelper output) : IntegrationTest(output)
{
    [Fact]
    public async Task WorkerThatNeverPrintsItsReadyLine_IsKilledAfterTheStartTimeout()
    {
        var fake = FakeWorker.NeverReady(Work);
        var supervisor = await StartWithFakeWorkerAsync(fake, "--worker-start-timeout", "00:00:02");

        var stopwatch = Stopwatch.StartNew();
        var create = () => supervisor.CreateSessionAsync();

        var error = (await create.Should().ThrowAsync<RpcException>()).Which;
        stopwatch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9), "the worker gets its full start timeout");
        error.StatusCode.Should().Be(StatusCode.Unavailable);
        error.Status.Detail.Should().Contain("did not become ready within 2 s").And.Contain("Workers:StartTimeout");
        await AssertNothingLeftAsync(supervisor);
    }

    [Fact]
    public async Task PooledWorker_HasTenStartTimeouts_ForItStartsAtTheLowestCpuShare_WhileASessionsOwnStartHasOne()
    {
        // 5 s to start: more than the 2 s a session's own worker has, less than a pooled worker's 20 s.
        var slow = FakeWorker.SlowToStart(Work, TimeSpan.FromSeconds(5));
        var supervisor = await StartWithFakeWorkerAsync(slow, "--worker-start-timeout", "00:00:02", "--Workers:PoolSize=1");

        var create = () => supervisor.CreateSessionAsync();
        (await create.Should().ThrowAsync<RpcException>()).Which.Status.Detail
            .Should().Contain("did not become ready within 2 s (Workers:StartTimeout)");

        (await ProcessTable.WaitUntilAsync(() => supervisor.Log.Contains("Worker pool: worker pid", StringComparison.Ordinal), TimeSpan.FromSeconds(60)))
            .Should().BeTrue($"the pooled worker gets 20 s:\n{supervisor.Log}");
        await supervisor.CreateSessionAsync();
        supervisor.Log.Should().Contain("took pooled worker").And.NotContain("for a pooled worker) and was killed");
    }

    [Fact]
    public async Task WorkerWithAnotherProtocolVersion_IsRefusedWithBothVersionsNamed()
    {
        var fake = FakeWorker.WrongProtocol(Work);
        var supervisor = await StartWithFakeWorkerAsync(fake);

        var create = () => supervisor.CreateSessionAsync();

        var error = (await create.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Unavailable);
        error.Status.Detail.Should().Contain("protocol version 999").And.Contain($"speaks {Cuvis.Sandbox.Protos.WorkerProtocol.Version}");
        await AssertNothingLeftAsync(supervisor);
    }

    [Fact]
    public async Task WorkerThatExitsBeforeItsReadyLine_FailsCreateSessionWithItsStderr()
    {
        var crashing = Work.Combine("crash.sh");
        await File.WriteAllTextAsync(crashing, "#!/bin/sh\necho 'cannot load something important' >&2\nexit 7\n");
        // Readable and executable by the sandbox's uid: contained, as every real worker, so the exit
        // code and stderr come through the sandbox layers.
        File.SetUnixFileMode(crashing, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var supervisor = await StartSupervisorAsync("--Workers:Command=" + crashing);

        var create = () => supervisor.CreateSessionAsync();

        var error = (await create.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Unavailable);
        error.Status.Detail.Should().Contain("exited with code 7").And.Contain("cannot load something important");
        await AssertNothingLeftAsync(supervisor);
    }

    [Fact]
    public async Task WorkerThatSendsGarbage_IsRefused_AndTheSupervisorStaysUpWithBoundedMemory()
    {
        // Unpaced: the worst case for the supervisor's memory is reading the flood as fast as it comes
        // (paced reading, the default, is proven against real floods in HostilePluginTests.Floods).
        var supervisor = await StartWithFakeWorkerAsync(FakeWorker.Garbage(Work), "--Workers:StartTimeout=00:00:20", "--Workers:OutputBytesPerSecond=0");
        var before = ProcessTable.StatusBytes(supervisor.ProcessId, "VmRSS");

        var create = () => supervisor.CreateSessionAsync();

        var error = (await create.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Unavailable);
        error.Status.Detail.Should().Contain("malformed ready line");
        error.Status.Detail.Length.Should().BeLessThan(64 * 1024, "what a worker printed reaches the client cut to size");
        var grown = ProcessTable.StatusBytes(supervisor.ProcessId, "VmHWM") - before;
        grown.Should().BeLessThan(64L << 20, "128 MiB of output without line breaks is read in bounded pieces, not buffered ({0} KiB grown)", grown >> 10);
        await AssertNothingLeftAsync(supervisor);
    }

    // The fakes record their pids in the test's directory, which a sandbox would not let them
    // write; these tests are about how the supervisor treats a misbehaving worker, not containment.
    private Task<SupervisorProcess> StartWithFakeWorkerAsync(string fake, params string[] arguments) =>
        StartSupervisorAsync(["--Workers:Command=" + fake, "--Containment:Profile=none", .. arguments]);

    private async Task AssertNothingLeftAsync(SupervisorProcess supervisor)
    {
        var recorded = FakeWorker.RecordedPids(Work);
        (await ProcessTable.WaitUntilAsync(() => recorded.All(pid => !ProcessTable.IsAlive(pid)), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("the fake worker and its child must be killed");
        supervisor.WorkerPids().Should().BeEmpty();
        Directory.EnumerateDirectories(Runtime.Path, "w-*", SearchOption.AllDirectories).Should().BeEmpty();
        supervisor.HasExited.Should().BeFalse();
    }
}
