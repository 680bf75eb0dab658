using System.Text.Json;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Upstream;

/// <summary>
/// Today's upstream workflow from Python with Debian's grpcio, through stubs generated from
/// tests/python/upstream/cuvis_ai.proto (upstream's names where ours differ, the same numbers):
/// LoadPlugin with a YAML single-plugin manifest, ListAvailableNodes with categories and tags,
/// LoadPipeline(pipeline=...), Inference with a ShmRef cube compared to the same cube raw,
/// GetPipelineVisualization as PNG, and profiling.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed class UpstreamPythonClientTests(ITestOutputHelper output, SharedPlugins plugins) : IntegrationTest(output)
{
    [Fact]
    public async Task UpstreamNamedPythonClient_RunsTodaysWorkflow()
    {
        var stubs = Directory.CreateDirectory(Work.Combine("upstream-stubs")).FullName;
        await PythonClient.GenerateUpstreamStubsAsync(stubs);
        var manifest = Work.Combine("tools.yaml");
        await File.WriteAllTextAsync(manifest, $"""
            name: tools
            repo: {plugins.Tools.Url}
            tag: v1.0.0
            capabilities:
              - {"{"}class_name: SpectralTools.BandMean, category: transform, tags: [hyperspectral]{"}"}
            """);
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument);

        var (exitCode, text) = await PythonClient.RunScriptAsync("upstream_workflow.py", stubs, supervisor.Address, manifest, "SpectralTools.BandMean");

        Output.WriteLine(text);
        exitCode.Should().Be(0, text);
        var seen = JsonDocument.Parse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        seen.GetProperty("registered_plugin").GetString().Should().Be("tools");
        var nodes = seen.GetProperty("nodes");
        nodes.GetProperty("BandMean").GetProperty("source").GetString().Should().Be("plugin");
        nodes.GetProperty("MinMaxNormalizer").GetProperty("category").GetString().Should().Be("NODE_CATEGORY_TRANSFORM");
        nodes.GetProperty("HyperspectralInput").GetProperty("category").GetString().Should().Be("NODE_CATEGORY_SOURCE");
        nodes.GetProperty("MinMaxNormalizer").GetProperty("tags").EnumerateArray().Should().NotBeEmpty("every builtin declares its tags");
        seen.GetProperty("shm_ref_outputs_equal").GetBoolean().Should().BeTrue();
        seen.GetProperty("png_bytes").GetInt32().Should().BeGreaterThan(100);
        var profile = seen.GetProperty("profile");
        profile.GetProperty("norm").GetProperty("count").GetInt64().Should().Be(2, "the raw and the ShmRef call were profiled");
        profile.GetProperty("norm").GetProperty("stage").GetString().Should().Be("EXECUTION_STAGE_INFERENCE");
        supervisor.WorkerPids().Should().BeEmpty("the script closed its session");
    }
}
