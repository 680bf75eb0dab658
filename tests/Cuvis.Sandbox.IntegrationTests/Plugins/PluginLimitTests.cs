using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Plugins;

[Collection(SharedPlugins.Collection)]
public sealed class PluginLimitTests(ITestOutputHelper output, SharedPlugins plugins) : IntegrationTest(output)
{
    [Fact]
    public async Task PluginsPastMaxPluginsPerSession_FailAloneNamingTheSetting_WithoutBeingFetchedOrBuilt()
    {
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument, "--Plugins:MaxPluginsPerSession=1");
        var id = await supervisor.CreateSessionAsync();

        var first = await supervisor.LoadPluginsAsync(id, Manifest.Of(
            ("kit", Manifest.Git(plugins.Kit.Url, "v1.0.0", PipelineSession.KitNodes)),
            ("extra", Manifest.Local("/nonexistent/plugin", "Extra.Node"))));
        var second = await supervisor.LoadPluginsAsync(id, Manifest.Of(("more", Manifest.Local("/nonexistent/more", "More.Node"))));

        first.LoadedPlugins.Should().Equal("kit");
        first.FailedPlugins.Should().ContainKey("extra").WhoseValue.Should()
            .Contain("a session holds at most 1 plugins (Plugins:MaxPluginsPerSession)", "the limit is checked before the path, which does not exist");
        second.FailedPlugins.Should().ContainKey("more").WhoseValue.Should().Contain("Plugins:MaxPluginsPerSession");
        (await supervisor.Client.ListLoadedPluginsAsync(new ListLoadedPluginsRequest { SessionId = id }, deadline: DateTime.UtcNow.AddSeconds(30)))
            .Plugins.Select(p => p.Name).Should().Equal("kit");
    }
}
