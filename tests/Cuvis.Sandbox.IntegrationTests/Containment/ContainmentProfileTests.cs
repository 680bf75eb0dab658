using CliWrap;
using CliWrap.Buffered;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

public sealed class ContainmentProfileTests(ITestOutputHelper output) : IntegrationTest(output)
{
    [Fact]
    public async Task StrictWithoutBubblewrap_FailsClosed_NamingWhatIsMissingAndHowToFixIt()
    {
        var supervisor = await StartSupervisorAsync("--Containment:BubblewrapPath=/nonexistent/bwrap");

        var create = () => supervisor.CreateSessionAsync();

        var error = (await create.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        error.Status.Detail.Should().Contain("/nonexistent/bwrap").And.Contain("Containment:BubblewrapPath")
            .And.Contain("apt-get install bubblewrap");
        supervisor.Log.Should().Contain("every CreateSession will be refused");
        supervisor.WorkerPids().Should().BeEmpty();
        Directory.EnumerateDirectories(Runtime.Path, "w-*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task ProfileNone_WarnsAtStartAndOnEveryCreateSession()
    {
        var supervisor = await StartSupervisorAsync("--Containment:Profile=none");

        supervisor.Log.Should().Contain("CONTAINMENT IS OFF");
        await supervisor.CreateSessionAsync();
        await supervisor.CreateSessionAsync();

        System.Text.RegularExpressions.Regex.Matches(supervisor.Log, "Starting a worker WITHOUT containment").Should().HaveCount(2);
        var pid = supervisor.WorkerPids()[0];
        ProcessTable.StatusField(pid, "Uid")!.Split('\t')[0].Should().Be("0", "profile none runs workers as the server's own user");
    }

    [Fact]
    public async Task Doctor_PrintsOneRowPerLayer_WithItsStateOnThisHost()
    {
        var result = await Cli.Wrap(Artifacts.DotnetHost)
            .WithArguments([Artifacts.SupervisorAssembly, "--doctor", "--runtime-dir", Runtime.Path])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();

        Output.WriteLine(result.StandardOutput);
        result.ExitCode.Should().Be(0, result.StandardError);
        foreach (var layer in (string[])["namespaces", "network", "uid", "cgroups", "heap limit", "rlimits", "scratch", "seccomp"])
        {
            result.StandardOutput.Should().MatchRegex($@"(?m)^{layer} +active ", $"the {layer} layer works on this machine kind");
        }

        Directory.EnumerateFileSystemEntries(Runtime.Path).Should().BeEmpty("the doctor leaves nothing behind");
    }
}
