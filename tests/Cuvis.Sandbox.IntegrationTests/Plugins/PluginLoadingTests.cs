using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Plugins;

/// <summary>
/// The spec's plugin management flows, against real git repositories and real builds: the shared
/// ones, on one supervisor for the class, each test in sessions of its own.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed class PluginLoadingTests(ITestOutputHelper output, SharedPlugins plugins, SharedSupervisor server)
    : SharedSupervisorTest(output, server)
{
    protected override string[] SupervisorArguments => [plugins.CacheArgument];

    [Fact]
    public async Task SessionIsolation_EachSessionSeesOnlyItsOwnPluginsNodes()
    {
        var (x, y) = (plugins.Tools, plugins.Scaler);
        var a = await OpenSessionAsync();
        var b = await OpenSessionAsync();

        var loadedA = await Supervisor.LoadPluginsAsync(a, Manifest.Of(("plugin_x", Manifest.Git(x.Url, "v1.0.0", "SpectralTools.BandMean"))));
        var loadedB = await Supervisor.LoadPluginsAsync(b, Manifest.Of(("plugin_y", Manifest.Git(y.Url, "v1.0.0", "Scaler.ScaleNode"))));

        loadedA.LoadedPlugins.Should().Equal("plugin_x");
        loadedA.FailedPlugins.Should().BeEmpty();
        loadedB.LoadedPlugins.Should().Equal("plugin_y");
        var nodesA = await Supervisor.NodesAsync(a);
        var nodesB = await Supervisor.NodesAsync(b);
        nodesA.Where(n => n.Source == "plugin").Select(n => n.FullPath).Should().Equal("SpectralTools.BandMean");
        nodesB.Where(n => n.Source == "plugin").Select(n => n.FullPath).Should().Equal("Scaler.ScaleNode");
        var bandMean = nodesA.Single(n => n.Source == "plugin");
        bandMean.ClassName.Should().Be("BandMean");
        bandMean.PluginName.Should().Be("plugin_x");
        bandMean.InputSpecs["cube"].Should().Match<PortSpec>(p => p.Dtype == DType.Float32 && p.Shape.SequenceEqual(new long[] { -1, -1, -1, -1 }));
        bandMean.OutputSpecs.Keys.Should().Equal("mean");
        (await Supervisor.PluginsAsync(a)).Select(p => p.Name).Should().Equal("plugin_x");
        (await Supervisor.PluginsAsync(b)).Select(p => p.Name).Should().Equal("plugin_y");
    }

    [Fact]
    public async Task LoadedPlugin_IsReportedWithTypeSourceRefProvidesAndCommit()
    {
        var repository = plugins.Tools;
        var session = await OpenSessionAsync();
        await Supervisor.LoadPluginsAsync(session,
            Manifest.Of(("tools", Manifest.Git(repository.Url, "v1.0.0", "SpectralTools.BandMean", "SpectralTools.Threshold"))));

        var info = (await Supervisor.Client.GetPluginInfoAsync(new GetPluginInfoRequest { SessionId = session, PluginName = "tools" })).Plugin;

        info.Name.Should().Be("tools");
        info.Type.Should().Be("git");
        info.Source.Should().Be(repository.Url);
        info.Ref.Should().Be("v1.0.0");
        info.Provides.Should().Equal("SpectralTools.BandMean", "SpectralTools.Threshold");
        info.Commit.Should().Be(await repository.HeadAsync());
        var threshold = (await Supervisor.NodesAsync(session)).Single(n => n.ClassName == "Threshold");
        threshold.InputSpecs["mask"].Optional.Should().BeTrue();
        threshold.OutputSpecs["decisions"].Dtype.Should().Be(DType.Bool);
    }

    [Fact]
    public async Task PartialFailure_GoodEntryLoads_BadEntriesReportWhy()
    {
        var repository = plugins.Tools;
        var session = await OpenSessionAsync();

        var response = await Supervisor.LoadPluginsAsync(session, Manifest.Of(
            ("good", Manifest.Git(repository.Url, "v1.0.0", "SpectralTools.BandMean")),
            ("missing_repo", Manifest.Git("file:///nonexistent/repo.git", "v1", "A.B")),
            ("missing_type", Manifest.Git(repository.Url, "v1.0.0", "SpectralTools.Nonexistent")),
            ("not_a_node", Manifest.Git(repository.Url, "v1.0.0", "SpectralTools.BandMean", "SpectralTools.NotANode")),
            ("bad_ref", Manifest.Git(repository.Url, "v9.9.9", "SpectralTools.BandMean"))));

        response.LoadedPlugins.Should().Equal("good");
        response.FailedPlugins["missing_repo"].Should().StartWith("Repository not found: file:///nonexistent/repo.git");
        response.FailedPlugins["missing_type"].Should().Contain("Cannot import 'SpectralTools.Nonexistent'");
        response.FailedPlugins["not_a_node"].Should().Contain("Cannot import 'SpectralTools.NotANode'");
        response.FailedPlugins["bad_ref"].Should().Contain("v9.9.9");
        (await Supervisor.PluginsAsync(session)).Select(p => p.Name).Should().Equal("good");
        (await Supervisor.NodesAsync(session)).Where(n => n.Source == "plugin").Select(n => n.FullPath)
            .Should().Equal(["SpectralTools.BandMean"], "a plugin that failed registers nothing, not even its valid types");
    }

    [Fact]
    public async Task InvalidManifest_IsInvalidArgument_AndChangesNothing()
    {
        var repository = plugins.Scaler;
        var session = await OpenSessionAsync();
        await Supervisor.LoadPluginsAsync(session, Manifest.Of(("scaler", Manifest.Git(repository.Url, "v1.0.0", "Scaler.ScaleNode"))));

        foreach (var manifest in new[] { "not json", "[]", "{\"plugins\": []}", "{\"plugins\": {}, \"extra\": 1}", "" })
        {
            var call = () => Supervisor.LoadPluginsAsync(session, ByteString.CopyFromUtf8(manifest));

            var error = (await call.Should().ThrowAsync<RpcException>()).Which;
            error.StatusCode.Should().Be(StatusCode.InvalidArgument, manifest);
            error.Status.Detail.Should().StartWith("Invalid plugin manifest: ");
        }

        (await Supervisor.PluginsAsync(session)).Select(p => p.Name).Should().Equal("scaler");
    }

    [Fact]
    public async Task EntryErrors_NameTheProblem()
    {
        var session = await OpenSessionAsync();

        var response = await Supervisor.LoadPluginsAsync(session, ByteString.CopyFromUtf8("""
            {"plugins": {
              "9bad": {"provides": ["A.B"], "path": "/x"},
              "typo": {"provides": ["A.B"], "repo": "file:///x", "ref": "v1", "branch": "main"},
              "nodot": {"provides": ["NoDot"], "path": "/x"},
              "relative": {"provides": ["A.B"], "path": "plugins/x"},
              "both": {"provides": ["A.B"], "path": "/x", "repo": "file:///x", "ref": "v1"},
              "dangerous": {"provides": ["A.B"], "repo": "ext::sh -c touch% /tmp/pwned", "ref": "v1"}
            }}
            """));

        response.LoadedPlugins.Should().BeEmpty();
        response.FailedPlugins["9bad"].Should().Contain("not an identifier");
        response.FailedPlugins["typo"].Should().Contain("\"branch\"");
        response.FailedPlugins["nodot"].Should().Contain("fully-qualified");
        response.FailedPlugins["relative"].Should().Contain("must be absolute");
        response.FailedPlugins["both"].Should().Contain("both");
        response.FailedPlugins["dangerous"].Should().Contain("ext::");
        File.Exists("/tmp/pwned").Should().BeFalse();
    }

    [Fact]
    public async Task DuplicateName_SameOriginIsANoOp_OtherOriginFailsNamingWhereFrom()
    {
        var repository = plugins.Scaler;
        var session = await OpenSessionAsync();
        await Supervisor.LoadPluginsAsync(session, Manifest.Of(("scaler", Manifest.Git(repository.Url, "v1.0.0", "Scaler.ScaleNode"))));

        var again = await Supervisor.LoadPluginsAsync(session, Manifest.Of(("scaler", Manifest.Git(repository.Url, "v1.0.0", "Scaler.ScaleNode"))));
        var other = await Supervisor.LoadPluginsAsync(session, Manifest.Of(("scaler", Manifest.Git(repository.Url, "v2.0.0", "Scaler.ScaleNode"))));

        again.LoadedPlugins.Should().Equal("scaler");
        again.FailedPlugins.Should().BeEmpty();
        other.LoadedPlugins.Should().BeEmpty();
        other.FailedPlugins["scaler"].Should().Contain("already loaded").And.Contain(repository.Url + " at v1.0.0");
        (await Supervisor.PluginsAsync(session)).Should().ContainSingle().Which.Ref.Should().Be("v1.0.0");
    }

    [Fact]
    public async Task CompileError_ReportsTheCompilerErrorWithFileAndLine()
    {
        var repository = await PluginRepository.CreateAsync(Work, "BrokenBuild");
        var session = await OpenSessionAsync();

        var response = await Supervisor.LoadPluginsAsync(session, Manifest.Of(("broken", Manifest.Git(repository.Url, "v1.0.0", "BrokenBuild.Broken"))));

        response.LoadedPlugins.Should().BeEmpty();
        response.FailedPlugins["broken"].Should().Contain("Broken.cs(10,").And.Contain("error CS0103").And.Contain("undefinedVariable");
    }

    [Fact]
    public async Task GetPluginInfo_PluginNotLoaded_IsNotFound()
    {
        var session = await OpenSessionAsync();

        var call = () => Supervisor.Client.GetPluginInfoAsync(new GetPluginInfoRequest { SessionId = session, PluginName = "ghost" }).ResponseAsync;

        var error = (await call.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.NotFound);
        error.Status.Detail.Should().Contain("'ghost' is not loaded");
    }
}
