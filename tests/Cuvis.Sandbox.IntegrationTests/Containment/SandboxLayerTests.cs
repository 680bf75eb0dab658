using CliWrap.Buffered;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

/// <summary>Each containment layer, read from outside the way an operator would: /proc and the cgroup file system.</summary>
public sealed class SandboxLayerTests(ITestOutputHelper output) : IntegrationTest(output)
{
    private const long MemoryLimit = 1536L * 1024 * 1024;
    private const int PidsMax = 300;

    [Fact]
    public async Task Worker_HasNoCapabilitiesNoNewPrivsSeccompAndAUidOfItsOwn()
    {
        var supervisor = await StartSupervisorAsync();
        var first = supervisor.WorkerPidOf(await supervisor.CreateSessionAsync());
        var second = supervisor.WorkerPidOf(await supervisor.CreateSessionAsync());

        foreach (var pid in (int[])[first, second])
        {
            ProcessTable.StatusField(pid, "CapEff").Should().Be("0000000000000000");
            ProcessTable.StatusField(pid, "CapBnd").Should().Be("0000000000000000");
            ProcessTable.StatusField(pid, "NoNewPrivs").Should().Be("1");
            ProcessTable.StatusField(pid, "Seccomp").Should().Be("2", "a seccomp filter is installed");
            ProcessTable.StatusField(pid, "Groups").Should().BeEmpty("no supplementary groups");
            Uid(pid).Should().BeGreaterThanOrEqualTo(2_000_000_000, "workers run as a uid of the sandbox range, never as root");
        }

        Uid(first).Should().NotBe(Uid(second), "each live session has a uid of its own");
    }

    [Fact]
    public async Task Worker_RunsWithoutWriteXorExecute_ItsJitCodeMappedOnce()
    {
        var supervisor = await StartSupervisorAsync();
        var pid = supervisor.WorkerPidOf(await supervisor.CreateSessionAsync());

        // With W^X on, .NET maps executable memory twice through a memfd of this name.
        File.ReadAllText($"/proc/{pid}/maps").Should().NotContain("doublemapper",
            "W^X guards nothing in a process that runs its plugins' code by design, and costs ~10 % of a cold start");
        File.ReadAllText($"/proc/{supervisor.ProcessId}/maps").Should().Contain("doublemapper", "the supervisor, which runs no plugin code, keeps W^X");
    }

    [Fact]
    public async Task Worker_LivesInNamespacesOfItsOwn()
    {
        var supervisor = await StartSupervisorAsync();
        var first = supervisor.WorkerPidOf(await supervisor.CreateSessionAsync());
        var second = supervisor.WorkerPidOf(await supervisor.CreateSessionAsync());

        foreach (var ns in (string[])["net", "pid", "mnt", "ipc", "uts"])
        {
            Namespace(first, ns).Should().NotBe(Namespace(supervisor.ProcessId, ns), $"the worker has a {ns} namespace of its own");
            Namespace(first, ns).Should().NotBe(Namespace(second, ns), $"two sessions never share a {ns} namespace");
        }

        // In its pid namespace the worker sees only its own sandbox.
        var visible = File.ReadAllText($"/proc/{first}/status").Split('\n').Single(l => l.StartsWith("NSpid:", StringComparison.Ordinal));
        visible.Split('\t', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3, "NSpid lists the host pid and the sandbox pid");
    }

    [Fact]
    public async Task Worker_IsInACgroupWithTheConfiguredLimits_RemovedWhenTheSessionCloses()
    {
        var supervisor = await StartSupervisorAsync(
            $"--Containment:MemoryLimitBytes={MemoryLimit}", $"--Containment:PidsMax={PidsMax}", "--Containment:CpuLimit=0.5");
        var id = await supervisor.CreateSessionAsync();
        var pid = supervisor.WorkerPidOf(id);

        var memory = CgroupDirectory(pid, "memory");
        memory.Should().Contain("cuvis-", "the worker's cgroup is one this server made");
        ReadNumber(memory, "memory.limit_in_bytes").Should().Be(MemoryLimit);
        ReadNumber(CgroupDirectory(pid, "pids"), "pids.max").Should().Be(PidsMax);
        var cpu = CgroupDirectory(pid, "cpu");
        (ReadNumber(cpu, "cpu.cfs_quota_us") / (double)ReadNumber(cpu, "cpu.cfs_period_us")).Should().BeApproximately(0.5, 0.01);
        File.ReadAllLines(Path.Combine(memory, "cgroup.procs")).Should().Contain(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await supervisor.CloseSessionAsync(id);

        (await ProcessTable.WaitUntilAsync(() => !Directory.Exists(memory), TimeSpan.FromSeconds(5)))
            .Should().BeTrue("closing the session removes its cgroup");
    }

    [Fact]
    public async Task Worker_CanReadItsOwnCgroupLimits_AsItsOwnUid()
    {
        // .NET sizes its thread pool, spinning and GC by the limits it reads there: a worker that
        // cannot read them believes it has every core of the host (it reported 2 under a 1-core quota).
        var supervisor = await StartSupervisorAsync("--Containment:CpuLimit=1");
        var pid = supervisor.WorkerPidOf(await supervisor.CreateSessionAsync());
        var uid = Uid(pid).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var quota = CgroupDirectory(pid, "cpu")["/sys/fs/cgroup".Length..] + "/cpu.cfs_quota_us";

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var read = await CliWrap.Cli.Wrap("nsenter")
            .WithArguments(["--target", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--mount",
                "setpriv", "--reuid", uid, "--regid", uid, "--clear-groups", "cat", "/sys/fs/cgroup" + quota])
            .WithValidation(CliWrap.CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);

        read.ExitCode.Should().Be(0, "the sandbox's own uid reads its cgroup's CPU quota in the sandbox's mount namespace: " + read.StandardError);
        read.StandardOutput.Trim().Should().Be(File.ReadAllText(CgroupDirectory(pid, "cpu") + "/cpu.cfs_quota_us").Trim());
        foreach (var directory in (string[])["sys", "sys/fs"])
        {
            File.GetUnixFileMode($"/proc/{pid}/root/{directory}").Should().HaveFlag(UnixFileMode.OtherExecute, $"/{directory} is traversable in the sandbox");
        }
    }

    [Fact]
    public async Task NoSessionIdAppearsInAnyProcessCommandLine()
    {
        var supervisor = await StartSupervisorAsync();
        var id = await supervisor.CreateSessionAsync();

        ProcessTable.Find(id).Should().BeEmpty("session ids are bearer tokens; argv is readable by every local user");
        supervisor.WorkerPids().Should().ContainSingle();
    }

    [Fact]
    public async Task Graphviz_RendersAsAUidOfItsOwn_InItsOwnCgroupAndNamespaces_AndIsKilledAtItsTimeLimit()
    {
        var canary = Path.Combine(Path.GetTempPath(), "cuvis-graphviz-canary-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(canary, "secret");
        var supervisor = await StartSupervisorAsync("--Visualization:RenderTimeout=00:00:04");

        var render = DrawAsync(supervisor, SlowToLayOut());
        var pid = await RunningDotAsync(supervisor);
        try
        {
            Uid(pid).Should().BeGreaterThanOrEqualTo(2_000_000_000, "dot runs as a uid of the sandbox range, never as the server's");
            ProcessTable.StatusField(pid, "CapEff").Should().Be("0000000000000000");
            ProcessTable.StatusField(pid, "NoNewPrivs").Should().Be("1");
            foreach (var ns in (string[])["net", "pid", "mnt", "ipc"])
            {
                Namespace(pid, ns).Should().NotBe(Namespace(supervisor.ProcessId, ns), $"dot has a {ns} namespace of its own");
            }

            var memory = CgroupDirectory(pid, "memory");
            memory.Should().Contain("cuvis-", "dot's cgroup is one this server made");
            ReadNumber(memory, "memory.limit_in_bytes").Should().Be(512L << 20, "Visualization:MemoryLimitBytes, 512 MiB by default");
            ReadNumber(CgroupDirectory(pid, "pids"), "pids.max").Should().BeLessThanOrEqualTo(16);
            File.Exists($"/proc/{pid}/root{canary}").Should().BeFalse("the host's files are not in dot's root");
            File.Exists($"/proc/{pid}/root/usr/bin/dot").Should().BeTrue("the read-only system it runs from is");
        }
        finally
        {
            File.Delete(canary);
        }

        var timedOut = (await render.Awaiting(r => r).Should().ThrowAsync<RpcException>()).Which;
        timedOut.StatusCode.Should().Be(StatusCode.DeadlineExceeded, timedOut.Status.Detail);
        timedOut.Status.Detail.Should().Contain("4 s").And.Contain("'dot'");
        (await ProcessTable.WaitUntilAsync(() => !ProcessTable.IsAlive(pid), TimeSpan.FromSeconds(5))).Should().BeTrue("dot is killed at its time limit");
        (await DrawAsync(supervisor, PipelineSession.MinMaxPipeline)).ImageData.ToStringUtf8().Should().Contain("<svg", "the next drawing is rendered as before");
    }

    [Fact]
    public async Task Graphviz_PastItsMemoryLimit_IsKilledByItsCgroup_AndTheCallSaysWhichLimit()
    {
        // dot needs about 380 MiB to lay this document out.
        var supervisor = await StartSupervisorAsync("--Visualization:MemoryLimitBytes=" + (192L << 20));

        var render = DrawAsync(supervisor, SlowToLayOut());
        var pid = await RunningDotAsync(supervisor);
        var memory = CgroupDirectory(pid, "memory");
        ReadNumber(memory, "memory.limit_in_bytes").Should().Be(192L << 20);

        var refused = (await render.Awaiting(r => r).Should().ThrowAsync<RpcException>()).Which;
        refused.StatusCode.Should().Be(StatusCode.ResourceExhausted, refused.Status.Detail);
        refused.Status.Detail.Should().Contain("192 MiB").And.Contain("Visualization:MemoryLimitBytes");
        ProcessTable.IsAlive(pid).Should().BeFalse();
        (await ProcessTable.WaitUntilAsync(() => !Directory.Exists(memory), TimeSpan.FromSeconds(5))).Should().BeTrue("the render's cgroup is removed");
        supervisor.HasExited.Should().BeFalse("only dot was killed");
    }

    /// <summary>A document within every drawing limit (500 nodes, 2000 connections) that dot takes minutes and ~380 MiB to lay out.</summary>
    private static string SlowToLayOut()
    {
        var random = new Random(7);
        var document = new System.Text.StringBuilder("nodes:\n");
        for (var i = 0; i < 500; i++)
        {
            document.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - {{name: n{i}, class: C{i}}}\n");
        }

        document.Append("connections:\n");
        for (var i = 0; i < 2000; i++)
        {
            document.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - {{from: n{random.Next(500)}.outputs.p{i}, to: n{random.Next(500)}.inputs.q{i}}}\n");
        }

        return document.ToString();
    }

    private static Task<GetPipelineVisualizationResponse> DrawAsync(SupervisorProcess supervisor, string document) =>
        supervisor.Client.GetPipelineVisualizationAsync(
            new GetPipelineVisualizationRequest { Format = "svg", ConfigContent = document }, deadline: DateTime.UtcNow.AddMinutes(1)).ResponseAsync;

    /// <summary>The pid of the dot <paramref name="supervisor"/> runs now (not the bubblewrap around it).</summary>
    private static async Task<int> RunningDotAsync(SupervisorProcess supervisor)
    {
        var dot = 0;
        (await ProcessTable.WaitUntilAsync(
            () => (dot = ProcessTable.WithDescendants([supervisor.ProcessId]).FirstOrDefault(pid => ProcessTable.CommandName(pid) == "dot")) > 0,
            TimeSpan.FromSeconds(10))).Should().BeTrue("dot runs while the drawing is rendered");
        return dot;
    }

    private static long Uid(int pid) => long.Parse(ProcessTable.StatusField(pid, "Uid")!.Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture);

    private static string Namespace(int pid, string name) => new FileInfo($"/proc/{pid}/ns/{name}").LinkTarget!;

    /// <summary>The cgroup directory of <paramref name="pid"/> in the v1 hierarchy of <paramref name="controller"/>.</summary>
    private static string CgroupDirectory(int pid, string controller)
    {
        var line = File.ReadAllLines($"/proc/{pid}/cgroup").Single(l => l.Split(':')[1].Split(',').Contains(controller));
        return "/sys/fs/cgroup/" + controller + line.Split(':', 3)[2];
    }

    private static long ReadNumber(string directory, string file) =>
        long.Parse(File.ReadAllText(Path.Combine(directory, file)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
