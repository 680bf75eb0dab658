using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Plugins;

/// <summary>Plugins:CacheSizeLimitBytes: least recently used entries go, what an open session loaded stays.</summary>
public sealed class PluginCacheEvictionTests(ITestOutputHelper output) : IntegrationTest(output)
{
    private static readonly TimeSpan EvictionTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CacheOverItsLimit_EvictsWhatNoSessionUses_AndKeepsAnOpenSessionsPluginForItsReload()
    {
        // A limit below any one build: every entry nothing uses is over it.
        var supervisor = await StartSupervisorAsync("--Plugins:CacheSizeLimitBytes=1");
        var scaler = Manifest.Of(("scaler", Manifest.Git((await PluginRepository.CreateAsync(Work, "Scaler")).Url, "v1.0.0", "Scaler.ScaleNode")));
        var others = Manifest.Of(
            ("detector", Manifest.Git((await PluginRepository.CreateAsync(Work, "Detector")).Url, "v1.0.0", "Detector.Detector")),
            ("classifier", Manifest.Git((await PluginRepository.CreateAsync(Work, "Classifier")).Url, "v1.0.0", "Classifier.Classifier")));
        var open = await supervisor.CreateSessionAsync();
        (await supervisor.LoadPluginsAsync(open, scaler)).FailedPlugins.Should().BeEmpty();

        var closing = await supervisor.CreateSessionAsync();
        (await supervisor.LoadPluginsAsync(closing, others)).FailedPlugins.Should().BeEmpty();
        await supervisor.CloseSessionAsync(closing);
        await WaitUntilAsync(() => Entries("builds", "detector").Count + Entries("builds", "classifier").Count < 2);

        Entries("builds", "scaler").Should().ContainSingle("the open session loaded it");
        Entries(Path.Combine("git", "repos"), "scaler").Should().ContainSingle("the open session loaded it");
        supervisor.LogCount("Plugin cache: evicted").Should().BeGreaterThan(0);
        var reload = await supervisor.CreateSessionAsync();
        (await supervisor.LoadPluginsAsync(reload, scaler)).LoadedPlugins.Should().Equal("scaler");
        supervisor.LogCount("Plugin scaler: cloning").Should().Be(1);
        supervisor.LogCount("Plugin scaler: building").Should().Be(1, "the reload is served from the cache");
        supervisor.LogCount("served from the cache (no build)").Should().Be(1);
    }

    /// <summary>The entries under <c>cache/<paramref name="kind"/></c> whose <c>plugin-names</c> list <paramref name="pluginName"/>.</summary>
    private List<string> Entries(string kind, string pluginName)
    {
        var root = Work.Combine("cache", kind);
        return Directory.Exists(root)
            ? [.. Directory.EnumerateDirectories(root).Where(entry =>
                File.Exists(Path.Combine(entry, "plugin-names")) && File.ReadAllLines(Path.Combine(entry, "plugin-names")).Contains(pluginName))]
            : [];
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(EvictionTimeout);
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
