using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Clients;

public sealed class PythonClientTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _runtime = new();
    private readonly TempDirectory _stubs = new("csp");

    [Fact]
    public async Task PythonGrpcioClient_CreatesUsesAndClosesASession()
    {
        await PythonClient.GenerateStubsAsync(_stubs.Path);
        await using var supervisor = await SupervisorProcess.StartAsync(output, _runtime.Path);

        var (exitCode, text) = await PythonClient.RunScriptAsync("session_smoke.py", _stubs.Path, supervisor.Address);

        output.WriteLine(text);
        exitCode.Should().Be(0, text);
        text.Should().Contain("Session closed").And.Contain("Second close: Session ");
        supervisor.WorkerPids().Should().BeEmpty();
    }

    [Fact]
    public async Task PythonGrpcioClient_RunsTheSpecsCompleteWorkflowUpToListAvailableNodes()
    {
        using var work = new TempDirectory("csw");
        var repository = await PluginRepository.CreateAsync(work, "SpectralTools");
        await PythonClient.GenerateStubsAsync(_stubs.Path);
        await using var supervisor = await SupervisorProcess.StartAsync(output, _runtime.Path,
            "--Plugins:CacheDirectory=" + work.Combine("cache"));

        var (exitCode, text) = await PythonClient.RunScriptAsync("plugin_workflow.py",
            _stubs.Path, supervisor.Address, repository.Url, "v1.0.0", "SpectralTools.BandMean");

        output.WriteLine(text);
        exitCode.Should().Be(0, text);
        text.Should().Contain("Loaded: ['detector']").And.Contain("BandMean (plugin: detector)").And.Contain("Session closed");
    }

    public void Dispose()
    {
        _runtime.Dispose();
        _stubs.Dispose();
    }
}
