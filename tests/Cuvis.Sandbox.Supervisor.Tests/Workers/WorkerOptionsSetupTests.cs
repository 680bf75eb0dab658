using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers;

public sealed class WorkerOptionsSetupTests
{
    private readonly WorkerOptionsSetup _sut = new();

    [Fact]
    public void PostConfigure_Defaults_FindsTheBuiltWorkerAndAHost()
    {
        var options = new WorkerOptions();

        _sut.PostConfigure(null, options);

        options.AssemblyPath.Should().EndWith("Cuvis.Sandbox.Worker.dll");
        File.Exists(options.AssemblyPath).Should().BeTrue();
        options.DotnetHost.Should().NotBeNullOrEmpty();
        Path.IsPathFullyQualified(options.RuntimeDirectory).Should().BeTrue();
        _sut.Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void CallTimeoutFor_PrefersTheRpcsOwnEntry_AndNamesTheSettingItCameFrom()
    {
        var options = new WorkerOptions { CallTimeout = TimeSpan.FromSeconds(30) };
        options.CallTimeouts["LoadPipeline"] = TimeSpan.FromSeconds(7);

        options.CallTimeoutFor("Inference").Should().Be((TimeSpan.FromMinutes(10), "Workers:CallTimeouts:Inference"));
        options.CallTimeoutFor("LoadPipeline").Should().Be((TimeSpan.FromSeconds(7), "Workers:CallTimeouts:LoadPipeline"));
        options.CallTimeoutFor("ListAvailableNodes").Should().Be((TimeSpan.FromSeconds(30), "Workers:CallTimeout"));
    }

    [Fact]
    public void Validate_CallTimeoutsForAnUnknownRpcOrOfZero_NameTheEntryAndTheChoices()
    {
        var options = new WorkerOptions();
        _sut.PostConfigure(null, options);
        options.CallTimeouts["Infer"] = TimeSpan.FromSeconds(1);
        options.CallTimeouts["GetPipelineInputs"] = TimeSpan.Zero;

        var result = _sut.Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Workers:CallTimeouts:Infer names no forwarded RPC; use one of LoadPlugin")
            .And.Contain("Workers:CallTimeouts:GetPipelineInputs is 00:00:00; it must be more than 0");
    }

    [Fact]
    public void Validate_MissingAssembly_NamesTheSetting()
    {
        var options = new WorkerOptions { AssemblyPath = "/nonexistent/Cuvis.Sandbox.Worker.dll", RuntimeDirectory = "/tmp/x" };

        var result = _sut.Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Workers:AssemblyPath '/nonexistent/Cuvis.Sandbox.Worker.dll' does not exist");
    }

    [Fact]
    public void Validate_RuntimeDirectoryTooLongForSocketPaths_SaysSo()
    {
        var options = new WorkerOptions();
        _sut.PostConfigure(null, options);
        options.RuntimeDirectory = "/tmp/" + new string('d', 80);

        var result = _sut.Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("too long").And.Contain("Unix sockets allow 107");
    }

    [Fact]
    public void Validate_CommandThatDoesNotExist_NamesIt()
    {
        var options = new WorkerOptions { Command = "/nonexistent/worker.sh", RuntimeDirectory = "/tmp/x" };

        _sut.Validate(null, options).FailureMessage.Should().Contain("Workers:Command '/nonexistent/worker.sh' does not exist");
    }
}
