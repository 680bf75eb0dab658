using System.Text;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Upstream;

/// <summary>
/// Upstream's LoadPlugin through a real supervisor, real git repositories and real contained
/// builds: a single-plugin manifest in YAML or JSON registers the plugin whose nodes are then listed
/// with their real port specs; a branch named as the tag, a capability the assembly lacks, and a
/// data module answer with the reason and leave the session as it was; a manifest upstream would
/// refuse is INVALID_ARGUMENT naming the key.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed class LoadPluginTests(ITestOutputHelper output, SharedPlugins plugins, SharedSupervisor server)
    : SharedSupervisorTest(output, server)
{
    protected override string[] SupervisorArguments => [plugins.CacheArgument];

    [Fact]
    public async Task YamlManifest_AtATag_RegistersThePlugin_WhoseNodesAreListedWithTheirRealPorts()
    {
        var session = await OpenSessionAsync();

        var response = await LoadAsync(session, $"""
            name: tools
            repo: {plugins.Tools.Url}
            tag: v1.0.0
            capabilities:
              - class_name: SpectralTools.BandMean
                category: transform
                tags: [hyperspectral]
              - {"{"}class_name: SpectralTools.Threshold{"}"}
            """);

        response.Error.Should().BeEmpty();
        response.RegisteredPlugin.Should().Be("tools");
        var info = (await Supervisor.Client.GetPluginInfoAsync(new GetPluginInfoRequest { SessionId = session, PluginName = "tools" })).Plugin;
        info.Should().Match<PluginInfo>(p => p.Type == "git" && p.Source == plugins.Tools.Url && p.Ref == "v1.0.0");
        info.Provides.Should().Equal("SpectralTools.BandMean", "SpectralTools.Threshold");
        var nodes = (await Supervisor.NodesAsync(session)).Where(n => n.PluginName == "tools").ToList();
        nodes.Select(n => n.ClassName).Should().BeEquivalentTo("BandMean", "Threshold");
        nodes.Single(n => n.ClassName == "Threshold").InputSpecs["mask"].Optional.Should().BeTrue("the listing is the assembly's own");
    }

    [Fact]
    public async Task JsonManifest_LoadsToo()
    {
        var session = await OpenSessionAsync();

        var response = await LoadAsync(session,
            $$"""{"name": "scaler", "repo": "{{plugins.Scaler.Url}}", "tag": "v2.0.0", "capabilities": [{"class_name": "Scaler.ScaleNode"}]}""");

        response.RegisteredPlugin.Should().Be("scaler", response.Error);
        (await Supervisor.Client.GetPluginInfoAsync(new GetPluginInfoRequest { SessionId = session, PluginName = "scaler" })).Plugin.Commit
            .Should().Be(await plugins.Scaler.HeadAsync(), "v2.0.0 is the latest commit");
    }

    [Fact]
    public async Task PluginsThatCannotBeServed_AnswerWhy_AndLeaveTheSessionAsItWas()
    {
        var session = await OpenSessionAsync();
        var url = plugins.Tools.Url;

        var branch = await LoadAsync(session, $"name: tools\nrepo: {url}\ntag: main\ncapabilities: [{{class_name: SpectralTools.BandMean}}]\n");
        var missing = await LoadAsync(session, $"name: tools\nrepo: {url}\ntag: v1.0.0\ncapabilities: [{{class_name: SpectralTools.BandMean}}, {{class_name: SpectralTools.Nonexistent}}]\n");
        var dataModule = await LoadAsync(session,
            $"name: tools\nrepo: {url}\ntag: v1.0.0\ncapabilities: [{{class_name: SpectralTools.Data, kind: data_module, data_module_name: cubes}}]\n");

        branch.RegisteredPlugin.Should().BeEmpty();
        branch.Error.Should().Contain("'main' is a branch").And.Contain("not a tag");
        missing.RegisteredPlugin.Should().BeEmpty();
        missing.Error.Should().Contain("SpectralTools.Nonexistent");
        dataModule.Error.Should().Contain("data module 'cubes'").And.Contain("no data modules");
        (await Supervisor.PluginsAsync(session)).Should().BeEmpty();
        (await Supervisor.NodesAsync(session)).Should().OnlyContain(n => n.Source == "builtin");
    }

    [Fact]
    public async Task ManifestUpstreamWouldRefuse_IsInvalidArgumentNamingTheKey()
    {
        var session = await OpenSessionAsync();

        var call = () => LoadAsync(session, $"name: tools\nrepo: {plugins.Tools.Url}\nref: v1.0.0\ncapabilities: [{{class_name: SpectralTools.BandMean}}]\n");

        var error = (await call.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Contain("unknown key(s) 'ref'").And.Contain("LoadPlugin expects one plugin");
        (await Supervisor.PluginsAsync(session)).Should().BeEmpty();
    }

    private Task<LoadPluginResponse> LoadAsync(string session, string manifest) =>
        Supervisor.Client.LoadPluginAsync(new LoadPluginRequest
        {
            SessionId = session,
            Manifest = new PluginManifest { ConfigBytes = ByteString.CopyFrom(Encoding.UTF8.GetBytes(manifest)) },
        }, deadline: DateTime.UtcNow.AddMinutes(5)).ResponseAsync;
}
