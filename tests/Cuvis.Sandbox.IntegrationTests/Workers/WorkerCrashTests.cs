using System.Diagnostics;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Workers;

public sealed class WorkerCrashTests(ITestOutputHelper output) : IntegrationTest(output)
{
    [Fact]
    public async Task WorkerKilledWithSigkill_NextCallAnswersUnavailableNamingTheSignal_OtherSessionsCarryOn()
    {
        var supervisor = await StartSupervisorAsync();
        var victim = await supervisor.CreateSessionAsync();
        var bystander = await supervisor.CreateSessionAsync();
        var pid = supervisor.WorkerPidOf(victim);

        Process.GetProcessById(pid).Kill();
        (await ProcessTable.WaitUntilAsync(() => !ProcessTable.IsAlive(pid), TimeSpan.FromSeconds(5))).Should().BeTrue();

        var call = () => supervisor.Client.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = victim }).ResponseAsync;
        var error = (await call.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Unavailable);
        error.Status.Detail.Should().Contain("SIGKILL").And.Contain($"pid {pid}").And.Contain("stderr");

        (await supervisor.Client.ListLoadedPluginsAsync(new ListLoadedPluginsRequest { SessionId = bystander }))
            .Plugins.Should().BeEmpty();
        supervisor.HasExited.Should().BeFalse();
        await supervisor.CloseSessionAsync(victim);
        await supervisor.CloseSessionAsync(bystander);
    }

    [Fact]
    public async Task WorkerKilledDuringACall_ThatCallAnswersUnavailableNamingTheSignal()
    {
        var supervisor = await StartSupervisorAsync();
        var kit = await PluginRepository.CreateAsync(Work, "PipelineKit");
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
        var supervisor = await StartSupervisorAsync();
        var id = await supervisor.CreateSessionAsync();
        var pid = supervisor.WorkerPidOf(id);

        Process.GetProcessById(pid).Kill();

        (await ProcessTable.WaitUntilAsync(() => supervisor.Log.Contains($"worker pid {pid} was killed by signal SIGKILL", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5))).Should().BeTrue("the supervisor logs the exit as soon as it happens:\n" + supervisor.Log);
    }

    [Fact]
    public async Task WorkerKilledWithSigterm_CallAnswersUnavailableNamingSigterm()
    {
        var supervisor = await StartSupervisorAsync();
        var id = await supervisor.CreateSessionAsync();
        var pid = supervisor.WorkerPidOf(id);

        using (var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        (await ProcessTable.WaitUntilAsync(() => !ProcessTable.IsAlive(pid), TimeSpan.FromSeconds(5))).Should().BeTrue();
        var call = () => supervisor.Client.GetPipelineInputsAsync(new GetPipelineInputsRequest { SessionId = id }).ResponseAsync;
        var error = (await call.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Unavailable);
        error.Status.Detail.Should().Contain("exit code 143");
    }
}
