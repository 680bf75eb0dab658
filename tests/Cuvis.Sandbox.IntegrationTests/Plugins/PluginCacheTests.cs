using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Plugins;

/// <summary>
/// Refs, the shared clone and build caches, concurrency, and ClearPluginCache. Tests that count
/// clones and builds, move a repository or clear the cache have a cache and repositories of their
/// own; the others load the run's shared ones (<see cref="SharedPlugins"/>).
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed class PluginCacheTests(ITestOutputHelper output, SharedPlugins plugins) : IntegrationTest(output)
{
    [Fact]
    public async Task TagServedFromCache_DoesNoCloneNoFetchAndNoBuild_EvenWithTheRemoteGone()
    {
        var supervisor = await StartSupervisorAsync();
        var repository = await PluginRepository.CreateAsync(Work, "Scaler");
        var manifest = Manifest.Of(("scaler", Manifest.Git(repository.Url, "v1.0.0", "Scaler.ScaleNode")));
        (await supervisor.LoadPluginsAsync(await supervisor.CreateSessionAsync(), manifest)).FailedPlugins.Should().BeEmpty();
        Directory.Delete(repository.Path, recursive: true);

        var second = await supervisor.LoadPluginsAsync(await supervisor.CreateSessionAsync(), manifest);

        second.LoadedPlugins.Should().Equal("scaler");
        supervisor.LogCount("Plugin scaler: cloning").Should().Be(1);
        supervisor.LogCount("Plugin scaler: fetching").Should().Be(0);
        supervisor.LogCount("Plugin scaler: building").Should().Be(1);
        supervisor.LogCount("served from the git cache").Should().Be(1);
        supervisor.LogCount("served from the cache (no build)").Should().Be(1);
    }

    [Fact]
    public async Task Branch_IsReResolvedAndRebuiltOnlyWhenItMoved()
    {
        var supervisor = await StartSupervisorAsync();
        var repository = await PluginRepository.CreateAsync(Work, "Scaler");
        var first = await repository.HeadAsync();
        var manifest = Manifest.Of(("scaler", Manifest.Git(repository.Url, "main", "Scaler.ScaleNode")));
        await supervisor.LoadPluginsAsync(await supervisor.CreateSessionAsync(), manifest);

        var unmoved = await supervisor.CreateSessionAsync();
        await supervisor.LoadPluginsAsync(unmoved, manifest);
        await File.AppendAllTextAsync(Path.Combine(repository.Path, "ScaleNode.cs"), "\n// moved\n");
        var second = await repository.CommitAsync("move main");
        var moved = await supervisor.CreateSessionAsync();
        await supervisor.LoadPluginsAsync(moved, manifest);

        (await supervisor.PluginsAsync(unmoved)).Single().Commit.Should().Be(first);
        (await supervisor.PluginsAsync(moved)).Single().Commit.Should().Be(second);
        supervisor.LogCount("Plugin scaler: building").Should().Be(2, "the unmoved branch reused its build");
        supervisor.LogCount("Plugin scaler: fetching").Should().BeGreaterThanOrEqualTo(2, "a branch is always re-resolved");
    }

    [Fact]
    public async Task CommitRef_FullOrAbbreviated_LoadsThatCommit()
    {
        // v1.0.0 is one commit behind the shared Scaler's main.
        var repository = plugins.Scaler;
        var commit = (await repository.GitAsync("rev-parse", "v1.0.0^{commit}")).Trim();
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument);
        var full = await supervisor.CreateSessionAsync();
        var abbreviated = await supervisor.CreateSessionAsync();

        var fullResponse = await supervisor.LoadPluginsAsync(full, Manifest.Of(("scaler", Manifest.Git(repository.Url, commit, "Scaler.ScaleNode"))));
        var shortResponse = await supervisor.LoadPluginsAsync(abbreviated, Manifest.Of(("scaler", Manifest.Git(repository.Url, commit[..10], "Scaler.ScaleNode"))));

        fullResponse.LoadedPlugins.Should().Equal("scaler");
        shortResponse.LoadedPlugins.Should().Equal("scaler");
        commit.Should().NotBe(await repository.HeadAsync());
        (await supervisor.PluginsAsync(full)).Single().Commit.Should().Be(commit);
        (await supervisor.PluginsAsync(abbreviated)).Single().Commit.Should().Be(commit);
    }

    [Fact]
    public async Task TwoPluginsProvidingTheSameNodeType_SecondFailsNamingTheFirst()
    {
        var repository = plugins.Scaler;
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument);
        var session = await supervisor.CreateSessionAsync();

        var response = await supervisor.LoadPluginsAsync(session, Manifest.Of(
            ("first", Manifest.Git(repository.Url, "v1.0.0", "Scaler.ScaleNode")),
            ("second", Manifest.Git(repository.Url, "v1.0.0", "Scaler.ScaleNode"))));

        response.LoadedPlugins.Should().Equal("first");
        response.FailedPlugins["second"].Should().Contain("Cannot import 'Scaler.ScaleNode'").And.Contain("'first'");
    }

    [Fact]
    public async Task SamePluginFromTwoSessionsAtOnce_OneCloneOneBuild_BothLoad()
    {
        var supervisor = await StartSupervisorAsync();
        var repository = await PluginRepository.CreateAsync(Work, "SpectralTools");
        var manifest = Manifest.Of(("tools", Manifest.Git(repository.Url, "v1.0.0", "SpectralTools.BandMean")));
        var sessions = new[] { await supervisor.CreateSessionAsync(), await supervisor.CreateSessionAsync() };

        var responses = await Task.WhenAll(sessions.Select(s => supervisor.LoadPluginsAsync(s, manifest)));

        responses.Should().AllSatisfy(r => r.LoadedPlugins.Should().Equal("tools"));
        supervisor.LogCount("Plugin tools: cloning").Should().Be(1);
        supervisor.LogCount("Plugin tools: building").Should().Be(1);
    }

    [Fact]
    public async Task ClearPluginCache_CountsRepositories_AndSessionsThatLoadedThePluginKeepWorking()
    {
        var supervisor = await StartSupervisorAsync();
        var tools = await PluginRepository.CreateAsync(Work, "SpectralTools");
        var scaler = await PluginRepository.CreateAsync(Work, "Scaler");
        var session = await supervisor.CreateSessionAsync();
        await supervisor.LoadPluginsAsync(session, Manifest.Of(
            ("tools", Manifest.Git(tools.Url, "v1.0.0", "SpectralTools.BandMean")),
            ("scaler", Manifest.Git(scaler.Url, "v1.0.0", "Scaler.ScaleNode"))));

        var byName = await supervisor.Client.ClearPluginCacheAsync(new ClearPluginCacheRequest { PluginName = "tools" });
        var unknown = await supervisor.Client.ClearPluginCacheAsync(new ClearPluginCacheRequest { PluginName = "nothing_like_it" });

        byName.ClearedCount.Should().Be(1);
        unknown.ClearedCount.Should().Be(0);
        (await supervisor.NodesAsync(session)).Where(n => n.Source == "plugin").Select(n => n.ClassName)
            .Should().BeEquivalentTo(["BandMean", "ScaleNode"]);
        (await supervisor.PluginsAsync(session)).Should().HaveCount(2);
        var pipeline = await supervisor.Client.LoadPipelineAsync(new LoadPipelineRequest
        {
            SessionId = session,
            Config = new PipelineConfig { ConfigBytes = Google.Protobuf.ByteString.CopyFromUtf8("nodes: [{name: mean, class: BandMean}]") },
        });
        pipeline.Success.Should().BeTrue("a cleared cache does not take the plugin from sessions that loaded it");
        var cube = new Tensor { Dtype = DType.Float32, RawData = Google.Protobuf.ByteString.CopyFrom(new byte[4 * 2 * 3]) };
        cube.Shape.Add([1, 1, 2, 3]);
        var result = await supervisor.Client.InferenceAsync(new InferenceRequest { SessionId = session, Inputs = new InputBatch { Cube = cube } });
        result.Outputs["mean.mean"].Shape.Should().Equal(1, 1, 2, 1);

        // Loading it again needs a fresh clone and build; the other plugin's cache is untouched.
        var again = await supervisor.CreateSessionAsync();
        await supervisor.LoadPluginsAsync(again, Manifest.Of(
            ("tools", Manifest.Git(tools.Url, "v1.0.0", "SpectralTools.BandMean")),
            ("scaler", Manifest.Git(scaler.Url, "v1.0.0", "Scaler.ScaleNode"))));
        supervisor.LogCount("Plugin tools: cloning").Should().Be(2);
        supervisor.LogCount("Plugin scaler: cloning").Should().Be(1);

        var all = await supervisor.Client.ClearPluginCacheAsync(new ClearPluginCacheRequest { PluginName = "" });
        all.ClearedCount.Should().Be(2);
    }
}
