using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Clients;

/// <summary>The spec's flows from Python with Debian's grpcio, through stubs protoc generates from our public proto.</summary>
[Collection(SharedPlugins.Collection)]
public sealed class PythonClientTests(ITestOutputHelper output, SharedPlugins plugins) : IntegrationTest(output)
{
    private string Stubs => Directory.CreateDirectory(Work.Combine("stubs")).FullName;

    [Fact]
    public async Task PythonGrpcioClient_CreatesUsesAndClosesASession()
    {
        await PythonClient.GenerateStubsAsync(Stubs);
        var supervisor = await StartSupervisorAsync();

        var (exitCode, text) = await PythonClient.RunScriptAsync("session_smoke.py", Stubs, supervisor.Address);

        Output.WriteLine(text);
        exitCode.Should().Be(0, text);
        text.Should().Contain("Session closed").And.Contain("Second close: Session ");
        supervisor.WorkerPids().Should().BeEmpty();
    }

    [Fact]
    public async Task PythonGrpcioClient_RunsTheSpecsCompleteWorkflowUpToListAvailableNodes()
    {
        var repository = plugins.Tools;
        await PythonClient.GenerateStubsAsync(Stubs);
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument);

        var (exitCode, text) = await PythonClient.RunScriptAsync("plugin_workflow.py",
            Stubs, supervisor.Address, repository.Url, "v1.0.0", "SpectralTools.BandMean");

        Output.WriteLine(text);
        exitCode.Should().Be(0, text);
        text.Should().Contain("Loaded: ['detector']").And.Contain("BandMean (plugin: detector)").And.Contain("Session closed");
    }
}
