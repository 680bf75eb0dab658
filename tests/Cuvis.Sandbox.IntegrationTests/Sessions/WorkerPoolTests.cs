using System.Globalization;
using System.Text.RegularExpressions;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Sessions;

/// <summary>
/// The pool of blank, contained, warmed-up workers (Workers:PoolSize): sessions bind them, the
/// pool refills, an unhealthy one is never handed out, a closed session's worker never returns,
/// and pooled workers count against Sessions:MaxSessions. Observed from the supervisor's log
/// (which worker pid it pooled and handed out) and the process table.
/// </summary>
public sealed partial class WorkerPoolTests(ITestOutputHelper output) : IntegrationTest(output)
{
    private static readonly TimeSpan PoolWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CreateSession_BindsAPooledWorker_WithNoPipelineLoaded_AtTheUsualCpuWeight_AndThePoolRefills()
    {
        var supervisor = await StartSupervisorAsync("--Workers:PoolSize=2");
        await WaitForPooledAsync(supervisor, 2);
        var pooled = PooledPids(supervisor);
        var background = pooled.Select(ProcessTable.CpuWeight).ToArray();
        background.Should().OnlyContain(weight => weight.Value == (weight.File == "cpu.shares" ? 64 : 6),
            "pooled workers wait at a sixteenth of the usual CPU weight, so warming them up hardly slows a live session");

        var session = await supervisor.CreateSessionAsync();

        var pid = supervisor.WorkerPidOf(session);
        pooled.Should().Contain(pid, "the session got a worker the pool had started");
        var bound = ProcessTable.CpuWeight(pid);
        bound.Value.Should().Be(bound.File == "cpu.shares" ? 1024 : 100, "a bound worker runs at the usual weight");
        ProcessTable.CpuWeight(pooled.Single(other => other != pid)).Should().Be(background[0], "the worker still pooled stays in the background");
        supervisor.Log.Should().Contain($"Session {session}: took pooled worker pid {pid}");
        var inputs = () => supervisor.Client.GetPipelineInputsAsync(new GetPipelineInputsRequest { SessionId = session }).ResponseAsync;
        (await inputs.Should().ThrowAsync<RpcException>("the warm-up's pipeline is not the session's"))
            .Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        await LoadMinMaxAsync(supervisor, session);
        var result = await supervisor.Client.InferenceAsync(new InferenceRequest
        {
            SessionId = session,
            Inputs = new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 2f, 4f, 6f }, 1, 1, 1, 3) } },
        }, deadline: DateTime.UtcNow.AddMinutes(1));
        PipelineSession.Values<float>(result.Outputs["norm.normalized"]).Should().Equal(0f, 0.5f, 1f);

        await WaitForPooledAsync(supervisor, 3);
        supervisor.WorkerPids().Should().HaveCount(3, "one session's worker and two pooled, all contained");
    }

    [Fact]
    public async Task ClosedSessionsWorker_IsNeverReturnedToThePool()
    {
        var supervisor = await StartSupervisorAsync("--Workers:PoolSize=1");
        await WaitForPooledAsync(supervisor, 1);
        var session = await supervisor.CreateSessionAsync();
        var pid = supervisor.WorkerPidOf(session);

        await supervisor.CloseSessionAsync(session);

        (await ProcessTable.WaitUntilAsync(() => !ProcessTable.IsAlive(pid), TimeSpan.FromSeconds(10))).Should().BeTrue("a closed session's worker ends");
        await WaitForPooledAsync(supervisor, 2);
        var next = await supervisor.CreateSessionAsync();
        supervisor.WorkerPidOf(next).Should().NotBe(pid).And.Be(PooledPids(supervisor)[1]);
    }

    [Fact]
    public async Task PooledWorkerThatDies_IsReplaced_AndOneThatStopsAnswering_IsDiscarded_NeverHandedOut()
    {
        var supervisor = await StartSupervisorAsync("--Workers:PoolSize=2", "--Workers:ControlCallTimeout=00:00:01");
        await WaitForPooledAsync(supervisor, 2);
        var (killed, stopped) = (PooledPids(supervisor)[0], PooledPids(supervisor)[1]);

        ProcessTable.Signal(killed, "KILL");
        (await ProcessTable.WaitUntilAsync(() => supervisor.LogCount($"pooled worker pid {killed} ") == 1, TimeSpan.FromSeconds(10)))
            .Should().BeTrue("the pool notices a pooled worker's exit at once");
        await WaitForPooledAsync(supervisor, 3);
        var replacement = PooledPids(supervisor)[2];
        ProcessTable.Signal(stopped, "STOP");
        try
        {
            var session = await supervisor.CreateSessionAsync();

            var pid = supervisor.WorkerPidOf(session);
            pid.Should().Be(replacement, "the stopped worker does not answer Initialize and the next one is taken");
            supervisor.Log.Should().Contain($"discarded worker pid {stopped}: Could not start a worker for session {session}");
            (await ProcessTable.WaitUntilAsync(() => !ProcessTable.IsAlive(stopped), TimeSpan.FromSeconds(10))).Should().BeTrue("a discarded worker is killed");
            await LoadMinMaxAsync(supervisor, session);
        }
        finally
        {
            if (ProcessTable.IsAlive(stopped))
            {
                ProcessTable.Signal(stopped, "CONT");
            }
        }
    }

    [Fact]
    public async Task PooledWorkers_CountAgainstMaxSessions_AndRefillOnlyIntoFreeSlots()
    {
        var supervisor = await StartSupervisorAsync("--Workers:PoolSize=2", "--Sessions:MaxSessions=3");
        await WaitForPooledAsync(supervisor, 2);

        var sessions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sessions.Add(await supervisor.CreateSessionAsync());
            supervisor.WorkerPids().Count.Should().BeLessThanOrEqualTo(3, "sessions and pooled workers together stay within Sessions:MaxSessions");
        }

        var refused = () => supervisor.CreateSessionAsync();
        (await refused.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        await Task.Delay(TimeSpan.FromSeconds(2));
        supervisor.WorkerPids().Should().HaveCount(3, "no slot is free for a pooled worker");

        var pooledBefore = PooledPids(supervisor).Count;
        await supervisor.CloseSessionAsync(sessions[0]);
        await WaitForPooledAsync(supervisor, pooledBefore + 1);
        (await ProcessTable.WaitUntilAsync(() => supervisor.WorkerPids().Count == 3, TimeSpan.FromSeconds(10)))
            .Should().BeTrue("the freed slot holds a pooled worker now: 2 sessions and 1 pooled");
    }

    [Fact]
    public async Task CrashedSessionsRecovery_TakesAPooledWorker()
    {
        var supervisor = await StartSupervisorAsync("--Workers:PoolSize=1");
        await WaitForPooledAsync(supervisor, 1);
        var session = await supervisor.CreateSessionAsync();
        await LoadMinMaxAsync(supervisor, session);
        await WaitForPooledAsync(supervisor, 2);
        var spare = PooledPids(supervisor)[1];

        ProcessTable.Signal(supervisor.WorkerPidOf(session), "KILL");

        (await ProcessTable.WaitUntilAsync(() => supervisor.LogCount($"Session {session}: took pooled worker pid {spare}") == 1, PoolWait))
            .Should().BeTrue("the recovery binds the pooled worker instead of starting one");
        var inputs = await supervisor.Client.GetPipelineInputsAsync(new GetPipelineInputsRequest { SessionId = session }, deadline: DateTime.UtcNow.AddMinutes(1));
        inputs.InputNames.Should().Equal(["data"], "the recovered session replayed its pipeline into the pooled worker");
    }

    [Fact]
    public async Task WhileTheMachineIsBusy_ThePoolStartsAtMostOneWorkerPerInterval()
    {
        // A threshold of 0 makes any machine busy.
        var supervisor = await StartSupervisorAsync("--Workers:PoolSize=2", "--Workers:PoolBusyCpuPressure=0", "--Workers:PoolBusySpawnInterval=00:00:03");

        await WaitForPooledAsync(supervisor, 2);

        var times = PoolLines().Matches(supervisor.Log).Select(m => TimeSpan.Parse(m.Groups["time"].Value, CultureInfo.InvariantCulture)).ToList();
        (times[1] - times[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2.9), "the second spawn starts only once the busy interval has passed since the first one ended");
    }

    [Fact]
    public async Task SupervisorStop_EndsEveryPooledWorker()
    {
        var supervisor = await StartSupervisorAsync("--Workers:PoolSize=2");
        await WaitForPooledAsync(supervisor, 2);
        var processes = supervisor.SandboxProcesses();

        await supervisor.TerminateAsync();

        (await ProcessTable.WaitUntilAsync(() => processes.All(pid => !ProcessTable.IsAlive(pid)), TimeSpan.FromSeconds(10)))
            .Should().BeTrue("pooled workers and their sandboxes end with the supervisor");
        Directory.EnumerateDirectories(Runtime.Path, "w-*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    private static async Task LoadMinMaxAsync(SupervisorProcess supervisor, string session) =>
        (await supervisor.Client.LoadPipelineAsync(new LoadPipelineRequest
        {
            SessionId = session,
            Config = new PipelineConfig { ConfigBytes = ByteString.CopyFromUtf8("nodes: [{name: norm, class: MinMaxNormalizer}]") },
        }, deadline: DateTime.UtcNow.AddMinutes(1))).Success.Should().BeTrue();

    /// <summary>Every worker the pool has made ready so far, in order.</summary>
    private static List<int> PooledPids(SupervisorProcess supervisor) =>
        [.. PoolLines().Matches(supervisor.Log).Select(m => int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture))];

    private static async Task WaitForPooledAsync(SupervisorProcess supervisor, int total) =>
        (await ProcessTable.WaitUntilAsync(() => PooledPids(supervisor).Count >= total, PoolWait))
            .Should().BeTrue($"the pool has made {total} workers ready by now:\n{supervisor.Log}");

    [GeneratedRegex(@"^ ?(?<time>\d\d:\d\d:\d\d\.\d{3}) .*Worker pool: worker pid (?<pid>\d+) ready", RegexOptions.Multiline)]
    private static partial Regex PoolLines();
}
