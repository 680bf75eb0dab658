using Cuvis.Sandbox.Supervisor.GitTests.Plugins.Git;
using Cuvis.Sandbox.Supervisor.Hosting;
using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Supervisor.Plugins.Building;
using Cuvis.Sandbox.Supervisor.Plugins.Cache;
using Cuvis.Sandbox.Supervisor.Plugins.Git;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.GitTests.Plugins;

/// <summary>
/// The resolver applies the local-path policy to repositories on this machine before anything
/// is fetched, and the configured source limits to git and local plugins alike.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class PluginResolverTests : GitCacheTestContext
{
    private readonly string _allowed;
    private readonly GitRepositoryCache _cache;
    private readonly PluginCacheUsage _usage = new(TimeProvider.System);

    public PluginResolverTests()
    {
        _allowed = Directory.CreateDirectory(Path.Combine(Root, "allowed")).FullName;
        _cache = CreateSut();
    }

    [Fact]
    public async Task PrepareAsync_FileUrlOutsideTheLocalRoots_IsRefusedBeforeAnyClone()
    {
        var origin = CreateOrigin("elsewhere");
        origin.Commit("files", ("plugin.txt", "x"));

        var error = await PrepareFailsAsync(Git(origin.FileUrl), bind: "127.0.0.1", roots: [_allowed]);

        error.Message.Should().Be(
            $"Repository '{origin.FileUrl}' is outside the allowed roots ({_allowed}). Move it under one of them or add its directory to Plugins:LocalRoots.");
        _cache.CloneCount.Should().Be(0);
    }

    [Fact]
    public async Task PrepareAsync_AbsolutePathRepositoryBeyondLoopbackWithoutRoots_IsRefusedBeforeAnyClone()
    {
        var origin = CreateOrigin("allowed/origin");
        origin.Commit("files", ("plugin.txt", "x"));

        var error = await PrepareFailsAsync(Git(origin.Path), bind: "0.0.0.0", roots: []);

        error.Message.Should().StartWith("Git repositories on this server's file system (file:// URLs and absolute paths) are refused: "
            + "this server listens on 0.0.0.0");
        _cache.CloneCount.Should().Be(0);
    }

    [Fact]
    public async Task PrepareAsync_RepositoryThroughALinkInsideTheRoots_IsFetchedFromWhereTheLinkLeads()
    {
        var origin = CreateOrigin("allowed/real/origin");
        var commit = origin.Commit("two files", ("a.txt", "a"), ("b.txt", "b"));
        Directory.CreateSymbolicLink(Path.Combine(_allowed, "alias"), Path.Combine(_allowed, "real"));
        var alias = new Uri(Path.Combine(_allowed, "alias", "origin")).AbsoluteUri;

        // The limit stops it right after the checkout's first entry, and its message names the URL fetched.
        var error = await PrepareFailsAsync(Git(alias), bind: "0.0.0.0", roots: [_allowed], options => options.MaxSourceFiles = 1);

        error.Message.Should().StartWith($"Plugin 'p' is too large to load: its sources (commit {commit} of {origin.FileUrl}) hold");
        _cache.CloneCount.Should().Be(1);
        Directory.EnumerateDirectories(ReposDirectory).Select(Path.GetFileName).Should().Equal(GitCacheLayout.CacheKey(origin.FileUrl));
    }

    [Fact]
    public async Task PrepareAsync_GitSourcesPastTheConfiguredLimit_FailThatPlugin()
    {
        var origin = CreateOrigin();
        origin.Commit("three files", ("a.txt", "a"), ("b.txt", "b"), ("c.txt", "c"));

        var error = await PrepareFailsAsync(Git(origin.FileUrl), bind: "127.0.0.1", roots: [], options => options.MaxSourceFiles = 2);

        error.Message.Should().StartWith("Plugin 'p' is too large to load: its sources (commit ")
            .And.Contain("hold at least 3 files, folders and links, more than the 2 Plugins:MaxSourceFiles allows.");
    }

    [Fact]
    public async Task PrepareAsync_LocalSourcesPastTheConfiguredLimit_FailThatPlugin()
    {
        var plugin = Directory.CreateDirectory(Path.Combine(_allowed, "plugin")).FullName;
        File.WriteAllText(Path.Combine(plugin, "Plugin.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(plugin, "Node.cs"), new string('x', 5000));

        var error = await PrepareFailsAsync(
            new LocalPluginSpec("p", ["A.B"], plugin), bind: "0.0.0.0", roots: [_allowed], options => options.MaxSourceBytes = 4096);

        error.Message.Should().StartWith($"Plugin 'p' is too large to load: its sources ({plugin}) hold at least 5,0")
            .And.Contain("more than the 4,096 bytes Plugins:MaxSourceBytes allows.");
    }

    [Fact]
    public async Task PrepareAsync_GitPlugin_HandsItOverWithItsRepositoryPinnedUntilDisposed()
    {
        var origin = CreateOrigin("allowed/prebuilt");
        // An already built plugin needs no build, so no dotnet.
        origin.Commit("built", ("Prebuilt.dll", "assembly"), ("Prebuilt.deps.json", """{"libraries":{}}"""));
        var sut = CreateSut(bind: "127.0.0.1", roots: []);

        var prepared = await sut.PrepareAsync(Git(origin.FileUrl), CancellationToken.None).WaitAsync(Timeout);
        var entry = _cache.EntryDirectoryOf(origin.FileUrl);
        var pinned = _usage.IsPinned(entry);
        prepared.HandOver!.Dispose();

        prepared.CacheEntries.Should().Equal(entry);
        prepared.Build.Directory.Should().StartWith(entry + "/trees/");
        pinned.Should().BeTrue("the caller has yet to stage it");
        _usage.IsPinned(entry).Should().BeFalse();
    }

    private static GitPluginSpec Git(string repository) => new("p", ["A.B"], repository, "main");

    private async Task<PluginLoadException> PrepareFailsAsync(
        PluginSpec spec, string bind, string[] roots, Action<PluginOptions>? configure = null)
    {
        // No limit: the eviction a failed fetch asks for does nothing.
        var sut = CreateSut(bind, roots, configure);

        var prepare = () => sut.PrepareAsync(spec, CancellationToken.None).WaitAsync(Timeout);

        return (await prepare.Should().ThrowAsync<PluginLoadException>()).Which;
    }

    private PluginResolver CreateSut(string bind, string[] roots, Action<PluginOptions>? configure = null)
    {
        // No limit: the eviction a fetch asks for does nothing.
        var options = new PluginOptions { LocalRoots = [.. roots], CacheSizeLimitBytes = 0, CacheDirectory = CacheDirectory };
        configure?.Invoke(options);
        var plugins = Options.Create(options);
        var policy = new LocalPluginPolicy(plugins, Options.Create(new ServerOptions { BindAddress = bind }));
        // No runner: these plugins fail before a build or are built already.
        var builder = new PluginBuilder(runner: null!, new ContractsFeed(plugins), plugins, Metrics, TimeProvider.System, NullLogger<PluginBuilder>.Instance);
        var evictor = new PluginCacheEvictor(builder, _cache, _usage, Metrics, plugins, NullLogger<PluginCacheEvictor>.Instance);
        return new PluginResolver(_cache, builder, policy, _usage, evictor, plugins);
    }
}
