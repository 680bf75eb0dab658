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

    public void Dispose()
    {
        _runtime.Dispose();
        _stubs.Dispose();
    }
}
