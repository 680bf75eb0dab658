using System.Diagnostics.Metrics;
using Cuvis.Sandbox.Supervisor.Diagnostics;
using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Supervisor.Plugins.Building;
using Cuvis.Sandbox.Supervisor.Plugins.Cache;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins.Building;

/// <summary>The build cache's bookkeeping around a build runner that stands in for dotnet.</summary>
public sealed class PluginBuilderTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _root = Directory.CreateTempSubdirectory("cuvis-builder-tests-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly SandboxMetrics _metrics = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    [Fact]
    public async Task BuildAsync_MoreBuildsThanSlots_RunAtMostMaxConcurrentBuildsAtOnce()
    {
        var runner = new FakeBuildRunner { Hold = true };
        var sut = CreateSut(runner, maxConcurrentBuilds: 2);

        var builds = Enumerable.Range(0, 5).Select(i => sut.BuildAsync($"p{i}", Sources($"p{i}"), $"key-{i}", CancellationToken.None)).ToList();
        await WaitUntilAsync(() => runner.Running == 2);
        // A missing bound would let the others start now; give them the chance.
        await Task.Delay(200);
        runner.Running.Should().Be(2, "the other three wait for a slot");
        runner.Release(5);
        await Task.WhenAll(builds).WaitAsync(Timeout);

        runner.Runs.Should().Be(5);
        runner.MaxRunning.Should().Be(2);
    }

    [Fact]
    public async Task BuildAsync_CancelledWhileWaitingForASlot_ThrowsAndFreesNoSlotItNeverHad()
    {
        var runner = new FakeBuildRunner { Hold = true };
        var sut = CreateSut(runner, maxConcurrentBuilds: 1);
        var first = sut.BuildAsync("first", Sources("first"), "key-first", CancellationToken.None);
        await WaitUntilAsync(() => runner.Running == 1);
        using var cancel = new CancellationTokenSource();

        var waiting = sut.BuildAsync("second", Sources("second"), "key-second", cancel.Token);
        await cancel.CancelAsync();

        await waiting.Invoking(w => w.WaitAsync(Timeout)).Should().ThrowAsync<OperationCanceledException>();
        runner.Release(1);
        await first.WaitAsync(Timeout);
        var third = sut.BuildAsync("third", Sources("third"), "key-third", CancellationToken.None);
        runner.Release(1);
        await third.WaitAsync(Timeout);
        runner.Runs.Should().Be(2, "the cancelled build never ran");
        runner.MaxRunning.Should().Be(1);
    }

    [Fact]
    public async Task BuildAsync_SameSourcesTwice_BuildsOnceAndCountsAMissThenAHit()
    {
        var runner = new FakeBuildRunner();
        var sut = CreateSut(runner);
        var sources = Sources("p");

        var first = await sut.BuildAsync("p", sources, "key", CancellationToken.None).WaitAsync(Timeout);
        var second = await sut.BuildAsync("p", sources, "key", CancellationToken.None).WaitAsync(Timeout);

        second.Should().BeEquivalentTo(first with { AddedToCache = false }, o => o.Excluding(b => b.Hold));
        (first.AddedToCache, first.MainAssembly, first.CacheEntry).Should().Be((true, "Plugin.dll", sut.EntryDirectoryOf("key")));
        runner.Runs.Should().Be(1);
        var metrics = _metrics.Snapshot();
        (metrics.CacheMisses, metrics.CacheHits, metrics.Builds).Should().Be((1L, 1L, 1L));
    }

    [Fact]
    public async Task BuildAsync_BuildThenHit_EachRecordsItsTimeAsTheEntrysLastUse()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var sut = CreateSut(new FakeBuildRunner());
        var sources = Sources("p");

        var built = await sut.BuildAsync("p", sources, "key", CancellationToken.None).WaitAsync(Timeout);
        var afterBuild = LastUsedFile.Read(built.CacheEntry!);
        _time.Advance(TimeSpan.FromDays(2));
        await sut.BuildAsync("p", sources, "key", CancellationToken.None).WaitAsync(Timeout);

        afterBuild.Should().Be(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        LastUsedFile.Read(built.CacheEntry!).Should().Be(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task TryTakeOut_PublishedBuild_MovesItOutWholeAndTheNextLoadBuildsAgain()
    {
        var runner = new FakeBuildRunner();
        var sut = CreateSut(runner);
        var sources = Sources("p");
        var built = await sut.BuildAsync("p", sources, "key", CancellationToken.None).WaitAsync(Timeout);

        var doomed = sut.TryTakeOut(built.CacheEntry!);

        Directory.Exists(built.CacheEntry).Should().BeFalse();
        File.Exists(Path.Combine(doomed!, "out", "Plugin.dll")).Should().BeTrue("it moved whole");
        sut.Entries().Should().BeEmpty();
        sut.TryTakeOut(built.CacheEntry!).Should().BeNull("it is gone already");
        (await sut.BuildAsync("p", sources, "key", CancellationToken.None).WaitAsync(Timeout)).AddedToCache.Should().BeTrue();
        runner.Runs.Should().Be(2);
    }

    [Fact]
    public async Task BuildAsync_FirstBuild_RemovesWhatInterruptedBuildsLeftInTheWorkDirectory()
    {
        var leftover = Directory.CreateDirectory(Path.Combine(_root, "cache", "tmp-builds", "0123456789ab", "src")).FullName;
        File.WriteAllText(Path.Combine(leftover, "Node.cs"), "// half copied");
        var sut = CreateSut(new FakeBuildRunner());

        await sut.BuildAsync("p", Sources("p"), "key", CancellationToken.None).WaitAsync(Timeout);

        Directory.EnumerateFileSystemEntries(Path.Combine(_root, "cache", "tmp-builds")).Should().BeEmpty();
    }

    [Fact]
    public async Task RemoveAsync_WhileABuildIsHeldForCopying_WaitsAndTheCopyIsOfTheWholeBuild()
    {
        // Before holds, ClearPluginCache moved a build out from under a session's copy of it: the
        // copy was cut short, or missed the files it had not reached yet.
        var sut = CreateSut(new FakeBuildRunner());
        var built = await sut.BuildAsync("p", Sources("p"), "key", CancellationToken.None).WaitAsync(Timeout);
        var hold = await built.Hold.AcquireAsync(CancellationToken.None).WaitAsync(Timeout);

        var remove = sut.RemoveAsync(null, CancellationToken.None);
        await Task.Delay(200);

        remove.IsCompleted.Should().BeFalse("the build is held");
        File.ReadAllText(Path.Combine(built.Directory, "Plugin.dll")).Should().Be("not really an assembly");
        hold.Dispose();
        (await remove.WaitAsync(Timeout)).Should().Be(1);
        Directory.Exists(built.CacheEntry).Should().BeFalse();
    }

    [Fact]
    public async Task Hold_OfABuildRemovedMeanwhile_ThrowsPluginCacheCleared()
    {
        var sut = CreateSut(new FakeBuildRunner());
        var built = await sut.BuildAsync("p", Sources("p"), "key", CancellationToken.None).WaitAsync(Timeout);
        (await sut.RemoveAsync("p", CancellationToken.None).WaitAsync(Timeout)).Should().Be(1);

        var hold = () => built.Hold.AcquireAsync(CancellationToken.None).WaitAsync(Timeout);

        await hold.Should().ThrowAsync<PluginCacheClearedException>();
        sut.TryTakeOut(sut.EntryDirectoryOf("key")).Should().BeNull("the failed hold released the key's gate");
        (await sut.BuildAsync("p", Sources("p"), "key", CancellationToken.None).WaitAsync(Timeout)).AddedToCache.Should().BeTrue();
    }

    [Fact]
    public async Task BuildAsync_SourcesGoneBeforeTheyAreHeld_ThrowsPluginCacheClearedAndBuildsNothing()
    {
        var runner = new FakeBuildRunner();
        var sut = CreateSut(runner);
        var gone = new EntryHold(_ => throw new PluginCacheClearedException("repos/0123456789abcdef"));

        var build = () => sut.BuildAsync("p", new PluginSources(Sources("p"), gone), "key", CancellationToken.None).WaitAsync(Timeout);

        await build.Should().ThrowAsync<PluginCacheClearedException>();
        runner.Runs.Should().Be(0);
        sut.Entries().Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Sources(string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root, "sources", name)).FullName;
        File.WriteAllText(Path.Combine(directory, "Plugin.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Node.cs"), "// " + name);
        return directory;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private PluginBuilder CreateSut(FakeBuildRunner runner, int maxConcurrentBuilds = 2)
    {
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        File.WriteAllText(Path.Combine(feed, "Cuvis.Sandbox.Contracts.1.0.0.nupkg"), "package");
        var options = Options.Create(new PluginOptions
        {
            CacheDirectory = Path.Combine(_root, "cache"),
            ContractsFeed = feed,
            MaxConcurrentBuilds = maxConcurrentBuilds,
        });
        return new PluginBuilder(runner, new ContractsFeed(options), options, _metrics, _time, NullLogger<PluginBuilder>.Instance);
    }
}
