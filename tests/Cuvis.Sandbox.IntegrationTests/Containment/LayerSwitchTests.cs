using System.Globalization;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

/// <summary>
/// Containment:SeparateUids and Containment:Cgroups, the switches the bench uses to price one
/// layer at a time: each takes out its own layer and nothing else, says so at start, and is
/// refused where it means nothing. Read from outside through /proc.
/// </summary>
public sealed class LayerSwitchTests(ITestOutputHelper output) : IntegrationTest(output)
{
    [Fact]
    public async Task SeparateUids_On_WorkerRunsAsAUidOtherThanTheSupervisors()
    {
        var supervisor = await StartSupervisorAsync();

        var worker = supervisor.WorkerPidOf(await supervisor.CreateSessionAsync());

        Uid(worker).Should().NotBe(Uid(supervisor.ProcessId), "by default every sandbox has a uid of its own");
    }

    [Fact]
    public async Task SeparateUidsFalse_WorkerRunsAsTheSupervisorsUid_OtherLayersStay_AndTheStartLogSaysSo()
    {
        var supervisor = await StartSupervisorAsync("--Containment:SeparateUids=false");

        var worker = supervisor.WorkerPidOf(await supervisor.CreateSessionAsync());

        Uid(worker).Should().Be(Uid(supervisor.ProcessId), "Containment:SeparateUids=false runs sandboxes as the supervisor's uid");
        ProcessTable.StatusField(worker, "CapEff").Should().Be("0000000000000000");
        ProcessTable.StatusField(worker, "Seccomp").Should().Be("2", "the seccomp layer stays");
        Cgroups(worker).Should().NotBe(Cgroups(supervisor.ProcessId), "the cgroup layer stays");
        Namespace(worker, "pid").Should().NotBe(Namespace(supervisor.ProcessId, "pid"), "the namespace layer stays");
        supervisor.Log.Should().Contain("CONTAINMENT LAYER uid IS OFF by Containment:SeparateUids=false: for measurement only");
    }

    [Fact]
    public async Task Cgroups_On_WorkerIsInACgroupOfItsOwn()
    {
        var supervisor = await StartSupervisorAsync();

        var worker = supervisor.WorkerPidOf(await supervisor.CreateSessionAsync());

        Cgroups(worker).Should().NotBe(Cgroups(supervisor.ProcessId)).And.Contain("cuvis-");
    }

    [Fact]
    public async Task CgroupsFalse_WorkerStaysInTheSupervisorsCgroup_OtherLayersStay_AndTheStartLogSaysSo()
    {
        var supervisor = await StartSupervisorAsync("--Containment:Cgroups=false");

        var worker = supervisor.WorkerPidOf(await supervisor.CreateSessionAsync());

        Cgroups(worker).Should().Be(Cgroups(supervisor.ProcessId), "Containment:Cgroups=false leaves sandboxes in the supervisor's cgroup");
        Uid(worker).Should().BeGreaterThanOrEqualTo(2_000_000_000, "the uid layer stays");
        ProcessTable.StatusField(worker, "Seccomp").Should().Be("2", "the seccomp layer stays");
        supervisor.Log.Should().Contain("CONTAINMENT LAYER cgroups IS OFF by Containment:Cgroups=false: for measurement only");
    }

    [Theory]
    [InlineData("SeparateUids")]
    [InlineData("Cgroups")]
    public async Task LayerSwitchUnderProfileNone_SupervisorRefusesToStart_NamingTheSetting(string setting)
    {
        var start = () => StartSupervisorAsync("--Containment:Profile=none", $"--Containment:{setting}=false");

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain($"Containment:{setting}=false").And.Contain("Containment:Profile is none");
    }

    private static long Uid(int pid) => long.Parse(ProcessTable.StatusField(pid, "Uid")!.Split('\t')[0], CultureInfo.InvariantCulture);

    /// <summary>Every hierarchy's line of /proc/pid/cgroup, as the host sees it.</summary>
    private static string Cgroups(int pid) => File.ReadAllText($"/proc/{pid}/cgroup");

    private static string Namespace(int pid, string name) => new FileInfo($"/proc/{pid}/ns/{name}").LinkTarget!;
}
