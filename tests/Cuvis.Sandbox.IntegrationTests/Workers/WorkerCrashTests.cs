using System.Diagnostics;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Workers;

[Collection(SharedPlugins.Collection)]
public sealed class WorkerCrashTests(ITestOutputHelper output, SharedPlugins plugins) : IntegrationTest(output)
{
    [Fact]
    public async Task WorkerKilledWithSigkill_OtherSessionsCarryOn_AndItsOwnSessionGetsAFreshWorker()
    {
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument);
        var victim = await supervisor.CreateSessionAsync();
        var bystander = await supervisor.CreateSessionAsync();
        var pid = supervisor.WorkerPidOf(victim);
        var bystanderPid = supervisor.WorkerPidOf(bystander);

        Process.GetProcessById(pid).Kill();
        // A call sent between the death and its notice would be the call in flight, failing UNAVAILABLE.
        (await ProcessTable.WaitUntilAsync(() => supervisor.Log.Contains($"worker pid {pid} was killed", StringComparison.Ordinal), TimeSpan.FromSeconds(5)))
            .Should().BeTrue();

        (await supervisor.Client.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = victim }, deadline: DateTime.UtcNow.AddSeconds(60)))
            .Nodes.Should().NotBeEmpty("the call waits for the recovery and then succeeds");
        supervisor.Log.Should().MatchRegex($@"Session {victim}: worker recovered as pid \d+ after its worker \(pid {pid}\) was killed by signal SIGKILL");
        (await supervisor.Client.ListLoadedPluginsAsync(new ListLoadedPluginsRequest { SessionId = bystander }))
            .Plugins.Should().BeEmpty();
        ProcessTable.IsAlive(bystanderPid).Should().BeTrue("the other session's worker was not touched");
        supervisor.HasExited.Should().BeFalse();
        await supervisor.CloseSessionAsync(victim);
        await supervisor.CloseSessionAsync(bystander);
    }

    [Fact]
    public async Task WorkerKilledDuringACall_ThatCallAnswersUnavailableNamingTheSignal()
    {
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument);
        var kit = plugins.Kit;
        var session = await PipelineSession.CreateAsync(supervisor, kit);
        await session.LoadPipelineAsync("nodes: [{name: slow, class: Sleepy}]");
        var pid = supervisor.WorkerPidOf(session.Id);
        var call = session.InferAsync(new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 60_000f }, 1) } });
        // Let the call reach the sleeping node; the minute-long sleep keeps it there.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        call.IsCompleted.Should().BeFalse("the call is still in flight when the worker is killed");

        Process.GetProcessById(pid).Kill();

        var error = (await FluentActions.Awaiting(() => call).Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Unavailable);
        error.Status.Detail.Should().Contain("SIGKILL").And.Contain($"pid {pid}");
    }

    [Fact]
    public async Task WorkerKilled_IsNoticedAtOnceFromItsExit_NotAtTheNextCall()
    {
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument);
        var id = await supervisor.CreateSessionAsync();
        var pid = supervisor.WorkerPidOf(id);

        Process.GetProcessById(pid).Kill();

        (await ProcessTable.WaitUntilAsync(() => supervisor.Log.Contains($"worker pid {pid} was killed by signal SIGKILL", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5))).Should().BeTrue("the supervisor logs the exit as soon as it happens:\n" + supervisor.Log);
    }

    [Fact]
    public async Task Counters_CountTheCrashAndTheRecovery_InThePeriodicSummaryLine()
    {
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument, "--Diagnostics:SummaryInterval=00:00:01");
        var id = await supervisor.CreateSessionAsync();
        var pid = supervisor.WorkerPidOf(id);

        Process.GetProcessById(pid).Kill();

        (await ProcessTable.WaitUntilAsync(
            () => supervisor.Log.Contains("Summary: sessions=1 workers_started=2 crashed=1 recovered=1 replays_failed=0 sessions_failed=0", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30))).Should().BeTrue("the summary counts one session, two workers, one crash and its recovery:\n" + supervisor.Log);
    }

    [Fact]
    public async Task WorkerKilledWithSigterm_IsRecoveredAndTheExitCodeLogged()
    {
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument);
        var id = await supervisor.CreateSessionAsync();
        var pid = supervisor.WorkerPidOf(id);

        using (var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        (await ProcessTable.WaitUntilAsync(() => supervisor.Log.Contains($"worker pid {pid} was killed", StringComparison.Ordinal), TimeSpan.FromSeconds(5)))
            .Should().BeTrue();
        var call = () => supervisor.Client.GetPipelineOutputsAsync(new GetPipelineOutputsRequest { SessionId = id },
            deadline: DateTime.UtcNow.AddSeconds(60)).ResponseAsync;

        var error = (await call.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.FailedPrecondition, "the recovered worker answers for itself: no pipeline is loaded yet");
        error.Status.Detail.Should().Contain("No pipeline is loaded");
        supervisor.Log.Should().Contain($"(pid {pid}) was killed by signal SIGTERM (exit code 143)");
    }
}
