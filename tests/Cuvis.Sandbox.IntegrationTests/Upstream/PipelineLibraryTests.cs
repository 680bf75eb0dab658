using System.Text.Json;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Upstream;

/// <summary>
/// The pipeline library through a real supervisor over a pipelines directory of its own (a copy
/// of the bundled examples): listing with tags, reading, resolving with overrides, saving a
/// session's pipeline and seeing it listed, search paths confined to allowed roots, and paths that
/// try to leave the directory by name or by a planted symbolic link.
/// </summary>
public sealed class PipelineLibraryTests(ITestOutputHelper output) : IntegrationTest(output)
{
    [Fact]
    public async Task ListInfoResolveSave_WorkOverTheDirectory_AndNeverLeaveIt()
    {
        var directory = Work.Combine("pipelines");
        PluginRepository.CopyDirectory(Path.Combine(Artifacts.RepositoryRoot, "examples", "pipelines"), directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "broken.yaml"), "nodes: [unclosed");
        File.CreateSymbolicLink(Path.Combine(directory, "escape.yaml"), "/etc/passwd");
        var outside = Directory.CreateDirectory(Work.Combine("outside")).FullName;
        var supervisor = await StartSupervisorAsync("--Pipelines:Directory=" + directory);
        var client = supervisor.Client;

        var all = (await client.ListAvailablePipelinesAsync(new ListAvailablePipelinesRequest())).Pipelines;
        all.Select(p => p.PipelinePath).Should().Contain("rx_anomaly.yaml").And.NotContain("broken.yaml", "an unreadable file is skipped, not fatal")
            .And.NotContain("escape.yaml", "links are not listed");
        var rx = all.Single(p => p.PipelinePath == "rx_anomaly.yaml");
        rx.Metadata.Name.Should().NotBeEmpty();
        var tag = all.SelectMany(p => p.Metadata.Tags).First();
        var tagged = (await client.ListAvailablePipelinesAsync(new ListAvailablePipelinesRequest { FilterTag = tag })).Pipelines;
        tagged.Should().NotBeEmpty().And.OnlyContain(p => p.Metadata.Tags.Contains(tag));
        (await client.GetPipelineInfoAsync(new GetPipelineInfoRequest { PipelinePath = "rx_anomaly.yaml" })).PipelineInfo.YamlContent
            .Should().Be(await File.ReadAllTextAsync(Path.Combine(directory, "rx_anomaly.yaml")));

        foreach (var (path, status) in new[] { ("../outside/x.yaml", StatusCode.InvalidArgument), ("/etc/passwd", StatusCode.InvalidArgument),
                     ("escape.yaml", StatusCode.InvalidArgument), ("nope.yaml", StatusCode.NotFound) })
        {
            var read = () => client.GetPipelineInfoAsync(new GetPipelineInfoRequest { PipelinePath = path }).ResponseAsync;
            (await read.Should().ThrowAsync<RpcException>(path)).Which.StatusCode.Should().Be(status, path);
        }

        // ResolveConfig with a dotted override on a node by its name.
        var resolved = await client.ResolveConfigAsync(new ResolveConfigRequest { ConfigType = "pipeline", Path = "rx_anomaly.yaml", Overrides = { "metadata.name=resolved", "metadata.tags=[a, b]" } });
        using (var json = JsonDocument.Parse(resolved.ConfigBytes.Memory))
        {
            json.RootElement.GetProperty("metadata").GetProperty("name").GetString().Should().Be("resolved");
            json.RootElement.GetProperty("metadata").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("a", "b");
            var first = json.RootElement.GetProperty("nodes")[0].GetProperty("name").GetString()!;
            var byName = await client.ResolveConfigAsync(new ResolveConfigRequest { ConfigType = "pipeline", Path = "rx_anomaly.yaml", Overrides = { $"nodes.{first}.params.threshold=0.9" } });
            JsonDocument.Parse(byName.ConfigBytes.Memory).RootElement.GetProperty("nodes")[0].GetProperty("params").GetProperty("threshold").GetDouble().Should().Be(0.9);
        }

        var unknown = () => client.ResolveConfigAsync(new ResolveConfigRequest { ConfigType = "pipeline", Path = "rx_anomaly.yaml", Overrides = { "nodes.nobody.params.x=1" } }).ResponseAsync;
        (await unknown.Should().ThrowAsync<RpcException>()).Which.Status.Detail.Should().Contain("'nobody'").And.Contain("no entry");

        // SavePipeline writes the session's pipeline with its metadata; the listing then has it.
        var session = new PipelineSession(supervisor, (await client.CreateSessionAsync(new CreateSessionRequest())).SessionId);
        var noPipeline = () => client.SavePipelineAsync(new SavePipelineRequest { SessionId = session.Id, PipelinePath = "mine.yaml" }).ResponseAsync;
        (await noPipeline.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        await session.LoadPipelineAsync("nodes: [{name: input, class: HyperspectralInput}]\nconnections: []\n");
        var saved = await client.SavePipelineAsync(new SavePipelineRequest
        {
            SessionId = session.Id,
            PipelinePath = "team/mine",
            Metadata = new PipelineMetadata { Name = "Mine", Tags = { "saved" } },
        });
        saved.PipelinePath.Should().Be("team/mine.yaml");
        var listed = (await client.ListAvailablePipelinesAsync(new ListAvailablePipelinesRequest { FilterTag = "saved" })).Pipelines;
        listed.Should().ContainSingle().Which.Metadata.Name.Should().Be("Mine");
        var escape = () => client.SavePipelineAsync(new SavePipelineRequest { SessionId = session.Id, PipelinePath = "../outside/evil.yaml" }).ResponseAsync;
        (await escape.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        Directory.EnumerateFileSystemEntries(outside).Should().BeEmpty("nothing was written outside the directory");

        // Search paths: inside the allowed root accepted, elsewhere reported as rejected.
        var inside = Directory.CreateDirectory(Path.Combine(directory, "team")).FullName;
        var paths = await client.SetSessionSearchPathsAsync(new SetSessionSearchPathsRequest { SessionId = session.Id, SearchPaths = { inside, outside, "relative/dir" } });
        paths.Success.Should().BeFalse();
        paths.CurrentPaths.Should().Equal(inside);
        paths.RejectedPaths.Should().Equal(outside, "relative/dir");
        var fromSearchPath = await client.ResolveConfigAsync(new ResolveConfigRequest { SessionId = session.Id, ConfigType = "pipeline", Path = "mine.yaml" });
        JsonDocument.Parse(fromSearchPath.ConfigBytes.Memory).RootElement.GetProperty("metadata").GetProperty("name").GetString().Should().Be("Mine");
    }
}
