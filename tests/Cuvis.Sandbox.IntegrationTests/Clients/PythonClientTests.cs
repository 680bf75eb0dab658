using System.Text.Json;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Google.Protobuf;
using Google.Protobuf.Reflection;
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

    [Fact]
    public async Task PythonGrpcioClient_ReadsRichErrorDetails_AndAStatusTooLongForItsMetadataLimitArrivesCut()
    {
        await PythonClient.GenerateStubsAsync(Stubs);
        var descriptors = Work.Combine("google-rpc.pb");
        var set = new FileDescriptorSet();
        set.File.Add(FileDescriptorProto.Parser.ParseFrom(Google.Rpc.StatusReflection.Descriptor.SerializedData));
        set.File.Add(FileDescriptorProto.Parser.ParseFrom(Google.Rpc.ErrorDetailsReflection.Descriptor.SerializedData));
        await File.WriteAllBytesAsync(descriptors, set.ToByteArray());
        var supervisor = await StartSupervisorAsync();

        var (exitCode, text) = await PythonClient.RunScriptAsync("rich_errors.py", Stubs, supervisor.Address, descriptors);

        Output.WriteLine(text);
        exitCode.Should().Be(0, text);
        var answers = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        answers.Should().HaveCount(2);
        var manifest = answers[0];
        manifest.GetProperty("violations").EnumerateArray().Select(v => v[0].GetString()).Should().Equal("version");
        // Uncut, this status would be ~30 KiB, and grpcio would report RESOURCE_EXHAUSTED
        // "received initial metadata size exceeds limit" instead of it.
        var pipeline = answers[1];
        pipeline.GetProperty("code").GetString().Should().Be("INVALID_ARGUMENT");
        pipeline.GetProperty("message").GetString().Should().StartWith("Invalid pipeline (150 problems):").And.Contain("cut here");
        var violations = pipeline.GetProperty("violations").EnumerateArray().Select(v => v[0].GetString()).ToArray();
        violations.Should().NotBeEmpty().And.Equal(Enumerable.Range(0, violations.Length).Select(i => $"nodes[{i}].class"));
    }
}
