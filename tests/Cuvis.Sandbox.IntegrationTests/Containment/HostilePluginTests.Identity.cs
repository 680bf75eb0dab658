using FluentAssertions.Execution;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

public sealed partial class HostilePluginTests
{
    [Fact]
    public async Task FromInside_AWorkerIsUnprivilegedIsolatedAndHasAUidOfItsOwn()
    {
        var other = await OpenHostileSessionAsync();

        var report = await _hostile.AttackAsync("whoami");
        var otherReport = await other.AttackAsync("whoami");

        Output.WriteLine(report);
        var uid = HostileSession.Field(report, "uid");
        using (new AssertionScope())
        {
            uid.Should().NotBeNull().And.NotBe("0", "a worker never runs as root");
            HostileSession.Field(otherReport, "uid").Should().NotBe(uid, "each live session has a uid of its own");
            HostileSession.Field(report, "Groups").Should().BeNullOrEmpty("a worker has no supplementary groups");
            HostileSession.Field(report, "CapEff").Should().Be("0000000000000000");
            HostileSession.Field(report, "NoNewPrivs").Should().Be("1");
            foreach (var name in (string[])["pid", "net", "mnt", "ipc", "uts"])
            {
                var outside = new FileInfo($"/proc/{_supervisor.ProcessId}/ns/{name}").LinkTarget;
                HostileSession.Field(report, "ns." + name).Should().NotBe(outside, $"the worker has a {name} namespace of its own");
            }

            LongField(report, "pids.count").Should().BeLessThan(10, "a pid namespace shows only the sandbox's own processes");
            HostileSession.Field(report, "interfaces").Should().StartWith("lo[").And.NotContain("],", "only loopback, no network");
            HostileSession.Field(report, "limit.core-file-size").Should().Be("0", "core dumps are off");
        }

        // Reconnaissance, not an attack: no row in the matrix, but the same checks at the end.
        await FinishAsync();
    }
}
