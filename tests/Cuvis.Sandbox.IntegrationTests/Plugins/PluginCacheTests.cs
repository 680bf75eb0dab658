using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Plugins;

/// <summary>Refs, the shared clone and build caches, concurrency, and ClearPluginCache.</summary>
public sealed class PluginCacheTests(ITestOutputHelper output) : IntegrationTest(output)
{
    private SupervisorProcess _supervisor = null!;

    [Fact]
    public async Task TagServedFromCache_DoesNoCloneNoFetchAndNoBuild_EvenWithTheRemoteGone()
    {
        var repository = await PluginRepository.CreateAsync(Work, "Scaler");
        var manifest = Manifest.Of(("scaler", Manifest.Git(repository.Url, "v1.0.0", "Scaler.ScaleNode")));
        (await _supervisor.LoadPluginsAsync(await _supervisor.CreateSessionAsync(), manifest)).FailedPlugins.Should().BeEmpty();
        Directory.Delete(repository.Path, recursive: true);

        var second = await _supervisor.LoadPluginsAsync(await _supervisor.CreateSessionAsync(), manifest);

        second.LoadedPlugins.Should().Equal("scaler");
        _supervisor.LogCount("Plugin scaler: cloning").Should().Be(1);
        _supervisor.LogCount("Plugin scaler: fetching").Should().Be(0);
        _supervisor.LogCount("Plugin scaler: building").Should().Be(1);
        _supervisor.LogCount("served from the git cache").Should().Be(1);
        _supervisor.LogCount("served from the cache (no build)").Should().Be(1);
    }

    [Fact]
    public async Task Branch_IsReResolvedAndRebuiltOnlyWhenItMoved()
    {
        var repository = await PluginRepository.CreateAsync(Work, "Scaler");
        var first = await repository.HeadAsync();
        var manifest = Manifest.Of(("scaler", Manifest.Git(repository.Url, "main", "Scaler.ScaleNode")));
        await _supervisor.LoadPluginsAsync(await _supervisor.CreateSessionAsync(), manifest);

        var unmoved = await _supervisor.CreateSessionAsync();
        await _supervisor.LoadPluginsAsync(unmoved, manifest);
        await File.AppendAllTextAsync(Path.Combine(repository.Path, "ScaleNode.cs"), "\n// moved\n");
        var second = await repository.CommitAsync("move main");
        var moved = await _supervisor.CreateSessionAsync();
        await _supervisor.LoadPluginsAsync(moved, manifest);

        (await _supervisor.PluginsAsync(unmoved)).Single().Commit.Should().Be(first);
        (await _supervisor.PluginsAsync(moved)).Single().Commit.Should().Be(second);
        _supervisor.LogCount("Plugin scaler: building").Should().Be(2, "the unmoved branch reused its build");
        _supervisor.LogCount("Plugin scaler: fetching").Should().BeGreaterThanOrEqualTo(2, "a branch is always re-resolved");
    }

    [Fact]
    public async Task CommitRef_FullOrAbbreviated_LoadsThatCommit()
    {
        var repository = await PluginRepository.CreateAsync(Work, "Scaler");
        var commit = await repository.HeadAsync();
        await repository.CommitAsync("later");
        var full = await _supervisor.CreateSessionAsync();
        var abbreviated = await _supervisor.CreateSessionAsync();

        var fullResponse = await _supervisor.LoadPluginsAsync(full, Manifest.Of(("scaler", Manifest.Git(repository.Url, commit, "Scaler.ScaleNode"))));
        var shortResponse = await _supervisor.LoadPluginsAsync(abbreviated, Manifest.Of(("scaler", Manifest.Git(repository.Url, commit[..10], "Scaler.ScaleNode"))));

        fullResponse.LoadedPlugins.Should().Equal("scaler");
        shortResponse.LoadedPlugins.Should().Equal("scaler");
        (await _supervisor.PluginsAsync(full)).Single().Commit.Should().Be(commit);
        (await _supervisor.PluginsAsync(abbreviated)).Single().Commit.Should().Be(commit);
    }

    [Fact]
    public async Task TwoPluginsProvidingTheSameNodeType_SecondFailsNamingTheFirst()
    {
        var repository = await PluginRepository.CreateAsync(Work, "Scaler");
        var session = await _supervisor.CreateSessionAsync();

        var response = await _supervisor.LoadPluginsAsync(session, Manifest.Of(
            ("first", Manifest.Git(repository.Url, "v1.0.0", "Scaler.ScaleNode")),
            ("second", Manifest.Git(repository.Url, "main", "Scaler.ScaleNode"))));

        response.LoadedPlugins.Should().Equal("first");
        response.FailedPlugins["second"].Should().Contain("Cannot import 'Scaler.ScaleNode'").And.Contain("'first'");
    }

    [Fact]
    public async Task SamePluginFromTwoSessionsAtOnce_OneCloneOneBuild_BothLoad()
    {
        var repository = await PluginRepository.CreateAsync(Work, "SpectralTools");
        var manifest = Manifest.Of(("tools", Manifest.Git(repository.Url, "v1.0.0", "SpectralTools.BandMean")));
        var sessions = new[] { await _supervisor.CreateSessionAsync(), await _supervisor.CreateSessionAsync() };

        var responses = await Task.WhenAll(sessions.Select(s => _supervisor.LoadPluginsAsync(s, manifest)));

        responses.Should().AllSatisfy(r => r.LoadedPlugins.Should().Equal("tools"));
        _supervisor.LogCount("Plugin tools: cloning").Should().Be(1);
        _supervisor.LogCount("Plugin tools: building").Should().Be(1);
    }

    [Fact]
    public async Task ClearPluginCache_CountsRepositories_AndSessionsThatLoadedThePluginKeepWorking()
    {
        var tools = await PluginRepository.CreateAsync(Work, "SpectralTools");
        var scaler = await PluginRepository.CreateAsync(Work, "Scaler");
        var session = await _supervisor.CreateSessionAsync();
        await _supervisor.LoadPluginsAsync(session, Manifest.Of(
            ("tools", Manifest.Git(tools.Url, "v1.0.0", "SpectralTools.BandMean")),
            ("scaler", Manifest.Git(scaler.Url, "v1.0.0", "Scaler.ScaleNode"))));

        var byName = await _supervisor.Client.ClearPluginCacheAsync(new ClearPluginCacheRequest { PluginName = "tools" });
        var unknown = await _supervisor.Client.ClearPluginCacheAsync(new ClearPluginCacheRequest { PluginName = "nothing_like_it" });

        byName.ClearedCount.Should().Be(1);
        unknown.ClearedCount.Should().Be(0);
        (await _supervisor.NodesAsync(session)).Where(n => n.Source == "plugin").Select(n => n.ClassName)
            .Should().BeEquivalentTo(["BandMean", "ScaleNode"]);
        (await _supervisor.PluginsAsync(session)).Should().HaveCount(2);
        var pipeline = await _supervisor.Client.LoadPipelineAsync(new LoadPipelineRequest
        {
            SessionId = session,
            Config = new PipelineConfig { ConfigBytes = Google.Protobuf.ByteString.CopyFromUtf8("nodes: [{name: mean, class: BandMean}]") },
        });
        pipeline.Success.Should().BeTrue("a cleared cache does not take the plugin from sessions that loaded it");
        var cube = new Tensor { Dtype = DType.Float32, RawData = Google.Protobuf.ByteString.CopyFrom(new byte[4 * 2 * 3]) };
        cube.Shape.Add([1, 1, 2, 3]);
        var result = await _supervisor.Client.InferenceAsync(new InferenceRequest { SessionId = session, Inputs = new InputBatch { Cube = cube } });
        result.Outputs["mean.mean"].Shape.Should().Equal(1, 1, 2, 1);

        // Loading it again needs a fresh clone and build; the other plugin's cache is untouched.
        var again = await _supervisor.CreateSessionAsync();
        await _supervisor.LoadPluginsAsync(again, Manifest.Of(
            ("tools", Manifest.Git(tools.Url, "v1.0.0", "SpectralTools.BandMean")),
            ("scaler", Manifest.Git(scaler.Url, "v1.0.0", "Scaler.ScaleNode"))));
        _supervisor.LogCount("Plugin tools: cloning").Should().Be(2);
        _supervisor.LogCount("Plugin scaler: cloning").Should().Be(1);

        var all = await _supervisor.Client.ClearPluginCacheAsync(new ClearPluginCacheRequest { PluginName = "" });
        all.ClearedCount.Should().Be(2);
    }

    public override async Task InitializeAsync() => _supervisor = await StartSupervisorAsync();
}
