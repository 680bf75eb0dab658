using System.Diagnostics;
using System.Globalization;
using Cuvis.Sandbox.IntegrationTests.Containment;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Sessions;

/// <summary>
/// A session survives what its worker goes through: killed, crashed by its plugin, out of memory,
/// hung in a node that ignores cancellation. The call in flight fails naming the cause; the
/// session then recovers by itself into a fresh contained worker with its plugins and pipeline
/// replayed, until its restart budget is spent.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed class SessionRecoveryTests(ITestOutputHelper output, SharedPlugins fixture)
    : ContainmentTest(output)
{
    private static readonly TimeSpan RecoveryWait = TimeSpan.FromSeconds(30);

    private const string KitPipeline = """
        nodes:
          - {name: slow, class: Sleepy}
          - {name: shift, class: Offset, params: {amount: 0.25}}
        connections:
          - {from: slow.outputs.data, to: shift.inputs.data}
        """;

    [Fact]
    public async Task KilledWorker_FailsTheCallInFlightNamingSigkill_ThenAnswersAsBefore_WithTheRemoteGoneAndTheBranchMoved()
    {
        var supervisor = await StartAsync();
        var kit = await PluginRepository.CreateAsync(Work, "PipelineKit", "movable-kit");
        var id = await supervisor.CreateSessionAsync();
        (await supervisor.LoadPluginsAsync(id, Manifest.Of(("kit", Manifest.Git(kit.Url, "main", PipelineSession.KitNodes)))))
            .FailedPlugins.Should().BeEmpty();
        var session = new PipelineSession(supervisor, id);
        await session.LoadPipelineAsync(KitPipeline);
        var quick = new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 1f, 0.1f, float.Epsilon, -3e7f }, 4) } };
        var plugins = await supervisor.Client.ListLoadedPluginsAsync(new ListLoadedPluginsRequest { SessionId = id }, deadline: Soon());
        var nodes = await supervisor.Client.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = id }, deadline: Soon());
        var outputs = await session.InferAsync(quick);
        var pid = supervisor.WorkerPidOf(id);
        var pluginWork = PluginWork(supervisor);
        pluginWork.Should().BePositive("the first load cloned, resolved and built the kit, and the log says so");

        var inFlight = session.InferAsync(new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 60_000f }, 1) } });
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        inFlight.IsCompleted.Should().BeFalse("the call sleeps in its node when the worker is killed");
        Process.GetProcessById(pid).Kill();
        var error = (await FluentActions.Awaiting(() => inFlight).Should().ThrowAsync<RpcException>()).Which;

        // Replay must not need the remote: move the branch, then take the repository away.
        await File.AppendAllTextAsync(Path.Combine(kit.Path, "Offset.cs"), "\n// moved on\n");
        await kit.CommitAsync("moved on");
        Directory.Delete(kit.Path, recursive: true);

        error.StatusCode.Should().Be(StatusCode.Unavailable);
        error.Status.Detail.Should().Contain("SIGKILL").And.Contain($"pid {pid}").And.Contain("not retried");
        (await supervisor.Client.ListLoadedPluginsAsync(new ListLoadedPluginsRequest { SessionId = id }, deadline: Soon()))
            .Should().Be(plugins);
        (await supervisor.Client.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = id }, deadline: Soon()))
            .Should().Be(nodes);
        var replayed = await session.InferAsync(quick);
        replayed.Outputs.Keys.Should().BeEquivalentTo(outputs.Outputs.Keys);
        foreach (var (key, tensor) in outputs.Outputs)
        {
            replayed.Outputs[key].RawData.ToByteArray().Should().Equal(tensor.RawData.ToByteArray(), $"output {key} is bit for bit the same");
        }

        replayed.Metrics.Should().Equal(outputs.Metrics);
        WorkerPid(supervisor, id).Should().NotBe(pid, "a fresh worker serves the session");
        supervisor.Log.Should().Contain($"Session {id}: worker recovered");
        PluginWork(supervisor).Should().Be(pluginWork, "the replay fetched, resolved and built nothing");
    }

    [Fact]
    public async Task WorkerKilledWhileIdle_IsReplacedAtOnce_AndTheNextCallSucceeds()
    {
        var supervisor = await StartAsync();
        var session = await PipelineSession.CreateAsync(supervisor, fixture.Kit);
        await session.LoadPipelineAsync(KitPipeline);
        var pid = supervisor.WorkerPidOf(session.Id);

        Process.GetProcessById(pid).Kill();

        (await ProcessTable.WaitUntilAsync(() => supervisor.Log.Contains($"Session {session.Id}: worker recovered", StringComparison.Ordinal), RecoveryWait))
            .Should().BeTrue("recovery starts from the exit itself, before any call:\n" + supervisor.Log);
        var answer = await session.InferAsync(new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 1f }, 1) } });
        PipelineSession.Values<float>(answer.Outputs["shift.shifted"]).Should().Equal(1.25f);
    }

    [Theory]
    [InlineData("crash")]
    [InlineData("stack-overflow")]
    public async Task PluginThatCrashesItsWorker_FailsThatCallOnly_AndTheSessionRecovers(string kind)
    {
        var supervisor = await StartAsync();
        var hostile = await HostileSession.CreateAsync(supervisor, fixture.Hostile);

        var report = await hostile.AttackAsync(kind);

        report.Should().StartWith("call failed: Unavailable").And.Contain("signal").And.Contain("recovers by itself");
        (await hostile.AttackAsync("whoami")).Should().StartWith("succeeded:", "the session works again without the client doing anything");
    }

    [Fact]
    public async Task AllocationPastTheMemoryLimit_IsNamedOutOfMemory_AndTheSessionRecovers()
    {
        var supervisor = await StartAsync();
        var hostile = await HostileSession.CreateAsync(supervisor, fixture.Hostile);

        var report = await hostile.AttackAsync("allocate-native", ("bytes", 2 * MemoryLimitBytes));

        report.Should().StartWith("call failed: Unavailable").And.Contain("out of memory");
        (await hostile.AttackAsync("whoami")).Should().StartWith("succeeded:");
    }

    [Fact]
    public async Task SpentRestartBudget_FailsTheSessionNamingTheLastCause_UntilItIsClosed()
    {
        var supervisor = await StartAsync("--Sessions:MaxRestarts=1");
        var hostile = await HostileSession.CreateAsync(supervisor, fixture.Hostile);
        (await hostile.AttackAsync("crash")).Should().StartWith("call failed: Unavailable");
        (await hostile.AttackAsync("whoami")).Should().StartWith("succeeded:", "one restart is in the budget");

        (await hostile.AttackAsync("crash")).Should().StartWith("call failed: Unavailable");

        var failed = await Expect(() => supervisor.Client.ListLoadedPluginsAsync(
            new ListLoadedPluginsRequest { SessionId = hostile.Id }, deadline: Soon()).ResponseAsync);
        failed.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        failed.Status.Detail.Should().Contain("has failed").And.Contain("SIGABRT").And.Contain("Sessions:MaxRestarts").And.Contain("CloseSession");
        (await Expect(() => supervisor.Client.ListAvailableNodesAsync(
            new ListAvailableNodesRequest { SessionId = hostile.Id }, deadline: Soon()).ResponseAsync)).StatusCode.Should().Be(StatusCode.FailedPrecondition);
        await hostile.CloseAsync();
        var fresh = await HostileSession.CreateAsync(supervisor, fixture.Hostile);
        (await fresh.AttackAsync("whoami")).Should().StartWith("succeeded:");
    }

    [Fact]
    public async Task NodeIgnoringCancellation_IsDeadlineExceeded_ThenItsWorkerIsKilledWithinTheGracePeriod_AndTheNextCallSucceeds()
    {
        var supervisor = await StartAsync("--Workers:OverrunGracePeriod=00:00:02");
        var hostile = await HostileSession.CreateAsync(supervisor, fixture.Hostile);
        var spinner = supervisor.WorkerPidOf(hostile.Id);

        var report = await hostile.AttackAsync(TimeSpan.FromSeconds(3), "spin", ("seconds", 600), ("threads", 2));

        report.Should().StartWith("call failed: DeadlineExceeded");
        // Grace period plus a health check and the kill; bounded generously for a loaded machine.
        (await ProcessTable.WaitUntilAsync(() => !ProcessTable.IsAlive(spinner), TimeSpan.FromSeconds(20)))
            .Should().BeTrue("the worker still spinning after the grace period is killed, and its CPU with it");
        (await hostile.AttackAsync("whoami")).Should().StartWith("succeeded:");
        supervisor.Log.Should().Contain("was still running 2 s after its deadline");
        var worker = WorkerPid(supervisor, hostile.Id);
        var cpu = CpuTicks(worker);
        await Task.Delay(TimeSpan.FromSeconds(1));
        (CpuTicks(worker) - cpu).Should().BeLessThan(50, "the new worker idles: nothing of the spin survived (ticks of 10 ms)");
    }

    private Task<SupervisorProcess> StartAsync(params string[] arguments) =>
        StartContainedSupervisorAsync(["--Plugins:CacheDirectory=" + fixture.Cache, .. arguments]);

    private static DateTime Soon() => DateTime.UtcNow.AddSeconds(60);

    private static async Task<RpcException> Expect(Func<Task> call) =>
        (await FluentActions.Awaiting(call).Should().ThrowAsync<RpcException>()).Which;

    /// <summary>The session's current worker pid: the last one the supervisor logged for it.</summary>
    private static int WorkerPid(SupervisorProcess supervisor, string sessionId)
    {
        var matches = System.Text.RegularExpressions.Regex.Matches(supervisor.Log,
            $@"Session {sessionId}: worker (?:pid (\d+) ready|recovered as pid (\d+))");
        matches.Should().NotBeEmpty();
        var last = matches[^1];
        return int.Parse(last.Groups[1].Success ? last.Groups[1].Value : last.Groups[2].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>How many times the supervisor touched a remote, resolved a ref or looked for a build.</summary>
    private static int PluginWork(SupervisorProcess supervisor) =>
        System.Text.RegularExpressions.Regex.Count(supervisor.Log, "Plugin kit: (cloning|fetching|building|build .* served|.* resolved to|.* served from the git cache)");

    /// <summary>utime + stime of a process, in clock ticks, from /proc/PID/stat.</summary>
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
