using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Hosting;

public sealed class SupervisorLifetimeTests(ITestOutputHelper output) : IntegrationTest(output)
{
    [Fact]
    public async Task SupervisorKilledWithSigkill_TakesEveryWorkerAndSandboxLayerWithIt_AndTheNextStartSweepsTheRest()
    {
        var supervisor = await StartSupervisorAsync();
        for (var i = 0; i < 3; i++)
        {
            await supervisor.CreateSessionAsync();
        }

        supervisor.WorkerPids().Should().HaveCount(3);
        var processes = supervisor.SandboxProcesses();
        // Each worker's memory cgroup (cgroup v1 on this machine kind).
        var cgroups = supervisor.WorkerPids()
            .Select(pid => "/sys/fs/cgroup/memory" + File.ReadAllLines($"/proc/{pid}/cgroup").Single(l => l.Split(':')[1] == "memory").Split(':', 3)[2])
            .ToArray();
        cgroups.Should().AllSatisfy(c => c.Should().Contain("/cuvis-"), "every worker is in a cgroup of ours");

        await supervisor.KillAsync();

        // The parent-death signal ends them at once; the bound only has to be far beyond a busy machine's teardown.
        (await ProcessTable.WaitUntilAsync(() => processes.All(pid => !ProcessTable.IsAlive(pid)), TimeSpan.FromSeconds(10)))
            .Should().BeTrue("workers and their sandbox layers die with the supervisor, nothing else ends them");

        // A sandboxed worker dies by SIGKILL with its sandbox and cannot clean up; the next start does.
        var next = await StartSupervisorAsync();
        next.Log.Should().Contain("removed 1 stale directories").And.MatchRegex("Removed [0-9]+ cgroups left by supervisors");
        cgroups.Should().AllSatisfy(c => Directory.Exists(c).Should().BeFalse());
        Directory.EnumerateFiles(Runtime.Path, "*.sock", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task SupervisorStart_RemovesWhatAKilledSupervisorLeftBehind()
    {
        // A supervisor killed while its workers could not clean up leaves its instance
        // directory and session directories behind; the next start sweeps them.
        await using (var first = await StartSupervisorAsync())
        {
            await first.CreateSessionAsync();
            await first.KillAsync();
        }

        var stale = Directory.EnumerateDirectories(Runtime.Path, "i*").Single();
        Directory.CreateDirectory(Path.Combine(stale, "w-0123456789ab", "scratch"));
        await File.WriteAllTextAsync(Path.Combine(stale, "w-0123456789ab", "worker.sock"), "");

        var second = await StartSupervisorAsync();

        Directory.Exists(stale).Should().BeFalse();
        second.Log.Should().Contain("removed 1 stale directories");
        Directory.EnumerateDirectories(Runtime.Path, "i*").Should().ContainSingle("only the running supervisor's directory remains");
    }

    [Fact]
    public async Task SupervisorStart_LeavesTheDirectoryOfALiveSupervisorAlone()
    {
        var first = await StartSupervisorAsync();
        var session = await first.CreateSessionAsync();

        var second = await StartSupervisorAsync();

        second.Log.Should().Contain("removed 0 stale directories");
        await first.CloseSessionAsync(session);
    }

    [Fact]
    public async Task SupervisorSigterm_ClosesEverySessionAndExitsCleanly()
    {
        var supervisor = await StartSupervisorAsync();
        await supervisor.CreateSessionAsync();
        await supervisor.CreateSessionAsync();
        var workers = supervisor.WorkerPids();

        await supervisor.TerminateAsync();

        supervisor.ExitCode.Should().Be(0);
        supervisor.Log.Should().Contain("closing 2 sessions");
        workers.Should().AllSatisfy(pid => ProcessTable.IsAlive(pid).Should().BeFalse());
        Directory.EnumerateFileSystemEntries(Runtime.Path).Should().BeEmpty("a clean exit removes the instance directory");
    }

    [Fact]
    public async Task InvalidConfiguration_StopsAtStartWithAMessageNamingTheSetting()
    {
        var start = () => StartSupervisorAsync("--Workers:AssemblyPath=/nonexistent/worker.dll");

        (await start.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("Workers:AssemblyPath '/nonexistent/worker.dll' does not exist");
    }
}
