using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Sessions;

public sealed class SessionLifecycleTests(ITestOutputHelper output) : IntegrationTest(output)
{
    [Fact]
    public async Task ThreeSessions_GetThreeWorkers_ClosingOneEndsExactlyItsWorker()
    {
        var supervisor = await StartSupervisorAsync();
        var ids = new[] { await supervisor.CreateSessionAsync(), await supervisor.CreateSessionAsync(), await supervisor.CreateSessionAsync() };
        var pids = ids.Select(supervisor.WorkerPidOf).ToArray();

        pids.Should().OnlyHaveUniqueItems().And.NotContain(supervisor.ProcessId);
        supervisor.WorkerPids().Should().BeEquivalentTo(pids);

        await supervisor.CloseSessionAsync(ids[0]);

        (await ProcessTable.WaitUntilAsync(() => !ProcessTable.IsAlive(pids[0]), TimeSpan.FromSeconds(2)))
            .Should().BeTrue("the closed session's worker must be gone within 2 s");
        supervisor.WorkerPids().Should().BeEquivalentTo(pids[1..]);
        foreach (var id in ids[1..])
        {
            var nodes = await supervisor.Client.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = id });
            nodes.Nodes.Should().Contain(node => node.Source == "builtin" && node.ClassName == "RXPerBatch",
                "the other sessions' workers still answer with their catalogue");
        }
    }

    [Fact]
    public async Task CloseSession_RemovesTheWorkersSocketAndScratchDirectory_AndTheSessionsOwnDirectory()
    {
        var supervisor = await StartSupervisorAsync();
        var id = await supervisor.CreateSessionAsync();
        Directory.EnumerateFiles(Runtime.Path, "worker.sock", SearchOption.AllDirectories).Should().ContainSingle();
        Directory.EnumerateDirectories(Runtime.Path, "s-*", SearchOption.AllDirectories).Should().ContainSingle();

        await supervisor.CloseSessionAsync(id);

        Directory.EnumerateFiles(Runtime.Path, "worker.sock", SearchOption.AllDirectories).Should().BeEmpty();
        Directory.EnumerateDirectories(Runtime.Path, "w-*", SearchOption.AllDirectories).Should().BeEmpty();
        Directory.EnumerateDirectories(Runtime.Path, "s-*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task IdleSession_IsClosedAfterTheIdleTimeout_AndThenAnswersNotFoundSayingItExpired_WhileABusyOneStays()
    {
        var supervisor = await StartSupervisorAsync("--Sessions:IdleTimeout=00:00:02");
        var idle = await supervisor.CreateSessionAsync();
        var busy = await supervisor.CreateSessionAsync();
        var idlePid = supervisor.WorkerPidOf(idle);

        // The busy session is used at every poll, the idle one never; the reaper checks every 0.5 s.
        var expired = await ProcessTable.WaitUntilAsync(() =>
        {
            supervisor.Client.ListLoadedPlugins(new ListLoadedPluginsRequest { SessionId = busy }, deadline: DateTime.UtcNow.AddSeconds(10));
            return supervisor.Log.Contains($"Session {idle} expired after 2 s idle", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30));

        expired.Should().BeTrue("the idle session expires:\n" + supervisor.Log);
        var error = (await FluentActions.Awaiting(() => supervisor.Client.ListLoadedPluginsAsync(
            new ListLoadedPluginsRequest { SessionId = idle }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync)
            .Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.NotFound);
        error.Status.Detail.Should().Be($"Session {idle} not found: it expired after 2 seconds idle (Sessions:IdleTimeout) "
            + "and its worker was reclaimed. Create a new session.");
        (await ProcessTable.WaitUntilAsync(() => !ProcessTable.IsAlive(idlePid), TimeSpan.FromSeconds(10))).Should().BeTrue("its worker is reclaimed");
        (await supervisor.Client.ListLoadedPluginsAsync(new ListLoadedPluginsRequest { SessionId = busy }, deadline: DateTime.UtcNow.AddSeconds(10)))
            .Plugins.Should().BeEmpty("the session in use did not expire");
        Directory.EnumerateDirectories(Runtime.Path, "s-*", SearchOption.AllDirectories).Should().ContainSingle("only the busy session's directory is left");
    }

    [Fact]
    public async Task CloseSession_Twice_SecondAnswersNotFound()
    {
        var supervisor = await StartSupervisorAsync();
        var id = await supervisor.CreateSessionAsync();
        await supervisor.CloseSessionAsync(id);

        var second = () => supervisor.Client.CloseSessionAsync(new CloseSessionRequest { SessionId = id }).ResponseAsync;

        (await second.Should().ThrowAsync<RpcException>())
            .Which.Status.Should().Match<Status>(s => s.StatusCode == StatusCode.NotFound && s.Detail == $"Session {id} not found");
    }

    [Fact]
    public async Task CreateSession_ReturnsDistinctRandomUuids()
    {
        var supervisor = await StartSupervisorAsync();
        var ids = new[] { await supervisor.CreateSessionAsync(), await supervisor.CreateSessionAsync() };

        ids.Should().OnlyHaveUniqueItems();
        ids.Should().AllSatisfy(id => Guid.TryParseExact(id, "D", out var guid).Should().BeTrue()).And
            .AllSatisfy(id => id[14].Should().Be('4', "ids are random (version 4) UUIDs"));
    }

    [Fact]
    public async Task SessionLimit_Reached_AnswersResourceExhaustedAndLeaksNothing()
    {
        var supervisor = await StartSupervisorAsync("--max-sessions", "2");
        var first = await supervisor.CreateSessionAsync();
        await supervisor.CreateSessionAsync();

        var third = () => supervisor.CreateSessionAsync();

        var error = (await third.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        error.Status.Detail.Should().Contain("at most 2 concurrent sessions");
        supervisor.WorkerPids().Should().HaveCount(2);
        Directory.EnumerateDirectories(Runtime.Path, "w-*", SearchOption.AllDirectories).Should().HaveCount(2);

        await supervisor.CloseSessionAsync(first);
        var replacement = await supervisor.CreateSessionAsync();
        replacement.Should().NotBeNullOrEmpty("closing a session frees its slot");
        supervisor.WorkerPids().Should().HaveCount(2);
    }
}
