using CliWrap;
using CliWrap.Buffered;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Plugins;

public sealed class LocalPluginTests(ITestOutputHelper output) : IntegrationTest(output)
{

    [Fact]
    public async Task LocalPlugin_LoadsFromAnAbsolutePath_AndRebuildsOnlyWhenItsSourcesChange()
    {
        var plugin = Work.Combine("scaler");
        PluginRepository.CopyDirectory(PluginRepository.SourceOf("Scaler"), plugin);
        var supervisor = await StartSupervisorAsync();
        var first = await supervisor.CreateSessionAsync();
        var manifest = Manifest.Of(("dev_plugin", Manifest.Local(plugin, "Scaler.ScaleNode")));

        (await supervisor.LoadPluginsAsync(first, manifest)).LoadedPlugins.Should().Equal("dev_plugin");
        var info = (await supervisor.PluginsAsync(first)).Single();
        info.Type.Should().Be("local");
        info.Source.Should().Be(plugin);
        info.Ref.Should().BeEmpty();
        supervisor.LogCount("Plugin dev_plugin: building").Should().Be(1);

        var second = await supervisor.CreateSessionAsync();
        (await supervisor.LoadPluginsAsync(second, manifest)).LoadedPlugins.Should().Equal("dev_plugin");
        supervisor.LogCount("Plugin dev_plugin: building").Should().Be(1, "unchanged sources are served from the build cache");
        supervisor.LogCount("served from the cache (no build)").Should().Be(1);

        await File.AppendAllTextAsync(Path.Combine(plugin, "ScaleNode.cs"), "\n// edited\n");
        var third = await supervisor.CreateSessionAsync();
        (await supervisor.LoadPluginsAsync(third, manifest)).LoadedPlugins.Should().Equal("dev_plugin");
        supervisor.LogCount("Plugin dev_plugin: building").Should().Be(2, "an edit changes the content hash");
    }

    [Fact]
    public async Task PrebuiltPlugin_Loads_AndAMissingDependencyAssemblyIsNamed()
    {
        var source = Work.Combine("withhelper");
        PluginRepository.CopyDirectory(PluginRepository.SourceOf("WithHelper"), source);
        var supervisor = await StartSupervisorAsync();
        var session = await supervisor.CreateSessionAsync();
        (await supervisor.LoadPluginsAsync(session, Manifest.Of(("with_helper", Manifest.Local(source, "WithHelper.OffsetNode")))))
            .FailedPlugins.Should().BeEmpty();
        var built = Directory.GetDirectories(Work.Combine("cache", "builds")).Single();

        // A vendor ships binaries only: the build output, without sources.
        var vendor = Work.Combine("vendor");
        PluginRepository.CopyDirectory(Path.Combine(built, "out"), vendor);
        var intact = await supervisor.CreateSessionAsync();
        var loaded = await supervisor.LoadPluginsAsync(intact, Manifest.Of(("vendor", Manifest.Local(vendor, "WithHelper.OffsetNode"))));
        loaded.LoadedPlugins.Should().Equal("vendor");

        File.Delete(Path.Combine(vendor, "Helper.dll"));
        var broken = await supervisor.CreateSessionAsync();
        var failed = await supervisor.LoadPluginsAsync(broken, Manifest.Of(("vendor", Manifest.Local(vendor, "WithHelper.OffsetNode"))));
        failed.LoadedPlugins.Should().BeEmpty();
        failed.FailedPlugins["vendor"].Should().Contain("Helper");
        (await supervisor.NodesAsync(broken)).Should().NotContain(n => n.Source == "plugin");
    }

    [Fact]
    public async Task PluginWithItsOwnNuGetDependency_IsBuiltWithItAndLoads()
    {
        var plugin = Work.Combine("jsontools");
        PluginRepository.CopyDirectory(PluginRepository.SourceOf("JsonTools"), plugin);
        var supervisor = await StartSupervisorAsync();
        var session = await supervisor.CreateSessionAsync();

        var response = await supervisor.LoadPluginsAsync(session, Manifest.Of(("json_tools", Manifest.Local(plugin, "JsonTools.ShapeReport"))));

        response.FailedPlugins.Should().BeEmpty();
        response.LoadedPlugins.Should().Equal("json_tools");
        var staged = Directory.EnumerateFiles(Runtime.Path, "Newtonsoft.Json.dll", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        staged.Select(f => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(f))))![..2]).Should()
            .Equal(["s-", "w-"], "the dependency is staged with the plugin in the session's directory, and its worker sees it in its own");
        (await InodeAndLinksAsync(staged[0])).Should().Be(await InodeAndLinksAsync(staged[1]))
            .And.EndWith(" 2", "the worker's copy is a hard link of the session's, not a second copy");
    }

    [Fact]
    public async Task BuildThatHangs_IsStoppedAtTheBuildTimeout_AndLeavesNoProcess()
    {
        var plugin = Work.Combine("slow");
        PluginRepository.CopyDirectory(PluginRepository.SourceOf("SlowBuild"), plugin);
        var supervisor = await StartSupervisorAsync("--Plugins:BuildTimeout=00:00:08");
        var session = await supervisor.CreateSessionAsync();

        var response = await supervisor.LoadPluginsAsync(session, Manifest.Of(("slow", Manifest.Local(plugin, "SlowBuild.SlowNode"))));

        response.FailedPlugins["slow"].Should().Contain("did not finish within 8 s").And.Contain("Plugins:BuildTimeout");
        (await ProcessTable.WaitUntilAsync(() => ProcessTable.Find("cuvis-slow-build-marker").Count == 0, TimeSpan.FromSeconds(10)))
            .Should().BeTrue("the build's whole process tree is killed");
        var builds = Work.Combine("cache", "builds");
        (Directory.Exists(builds) ? Directory.GetDirectories(builds) : []).Should().BeEmpty("a stopped build publishes nothing");
    }

    [Fact]
    public async Task LocalPlugin_OutsideTheConfiguredRoots_IsRefusedSayingHowToAllowIt()
    {
        var allowed = Work.Combine("allowed");
        Directory.CreateDirectory(allowed);
        var plugin = Work.Combine("elsewhere");
        PluginRepository.CopyDirectory(PluginRepository.SourceOf("Scaler"), plugin);
        var supervisor = await StartSupervisorAsync("--Plugins:LocalRoots:0=" + allowed);
        var session = await supervisor.CreateSessionAsync();

        var response = await supervisor.LoadPluginsAsync(session, Manifest.Of(("p", Manifest.Local(plugin, "Scaler.ScaleNode"))));

        response.FailedPlugins["p"].Should().Contain("outside the allowed roots").And.Contain("Plugins:LocalRoots");
    }

    [Fact]
    public async Task LocalPlugin_ServerReachableBeyondLoopbackWithoutRoots_IsRefused()
    {
        var plugin = Work.Combine("scaler");
        PluginRepository.CopyDirectory(PluginRepository.SourceOf("Scaler"), plugin);
        // Unauthenticated beyond loopback only because this test says so; the rule holds with principals too.
        var supervisor = await StartSupervisorAsync("--bind", "0.0.0.0", "--Server:AllowUnauthenticatedRemote=true");
        var session = await supervisor.CreateSessionAsync();

        var response = await supervisor.LoadPluginsAsync(session, Manifest.Of(("p", Manifest.Local(plugin, "Scaler.ScaleNode"))));

        response.FailedPlugins["p"].Should().Contain("Local plugins are refused").And.Contain("Plugins:LocalRoots");
    }

    private static async Task<string> InodeAndLinksAsync(string file)
    {
        var stat = await Cli.Wrap("stat").WithArguments(["-c", "%i %h", file]).ExecuteBufferedAsync();
        return stat.StandardOutput.Trim();
    }
}
