using System.Diagnostics.Metrics;
using Cuvis.Sandbox.Supervisor.Diagnostics;
using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Supervisor.Plugins.Building;
using Cuvis.Sandbox.Supervisor.Plugins.Cache;
using Cuvis.Sandbox.Supervisor.Plugins.Git;
using Cuvis.Sandbox.Supervisor.Tests.Plugins.Building;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins.Cache;

/// <summary>Eviction over a cache laid out on disk by the test, with last uses set through fake time.</summary>
public sealed class PluginCacheEvictorTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _root = Directory.CreateTempSubdirectory("cuvis-evictor-tests-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly SandboxMetrics _metrics = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
    private readonly PluginCacheUsage _usage;
    private readonly PluginOptions _options;
    private readonly PluginBuilder _builds;
    private readonly GitRepositoryCache _git;

    public PluginCacheEvictorTests()
    {
        _usage = new PluginCacheUsage(_time);
        _options = new PluginOptions { CacheDirectory = Path.Combine(_root, "cache"), ContractsFeed = Path.Combine(_root, "feed") };
        var options = Options.Create(_options);
        _builds = new PluginBuilder(new FakeBuildRunner(), new ContractsFeed(options), options, _metrics, _time, NullLogger<PluginBuilder>.Instance);
        _git = new GitRepositoryCache(new GitCacheOptions { Directory = Path.Combine(_options.CacheDirectory, "git") }, _time, _metrics,
            NullLogger<GitRepositoryCache>.Instance);
    }

    [Fact]
    public async Task RunAsync_OverTheLimit_EvictsLeastRecentlyUsedFirstAndStopsOnceWithin()
    {
        // Made in another order than used: the last use decides, not the name or the age.
        var middle = Build("a-middle", 100);
        var oldest = Build("b-oldest", 100);
        var newest = Build("c-newest", 100);
        Use(oldest);
        Use(middle);
        Use(newest);
        _options.CacheSizeLimitBytes = 250;

        var pass = await RunAsync();

        pass.Should().BeEquivalentTo(new EvictionPass(300, 200, [oldest]), o => o.WithStrictOrdering());
        Directory.Exists(oldest).Should().BeFalse();
        _builds.Entries().Should().BeEquivalentTo([middle, newest]);
    }

    [Fact]
    public async Task RunAsync_FarOverTheLimit_EvictsInLeastRecentlyUsedOrderUntilWithin()
    {
        var first = Build("first", 100);
        var second = Build("second", 100);
        var third = Build("third", 100);
        Use(first);
        Use(second);
        Use(third);
        _options.CacheSizeLimitBytes = 150;

        var pass = await RunAsync();

        pass.Evicted.Should().Equal(first, second);
        pass.BytesAfter.Should().Be(100);
        _builds.Entries().Should().Equal(third);
    }

    [Fact]
    public async Task RunAsync_OldestEntriesPinned_KeepsThemAndEvictsTheNextOldest()
    {
        var session = Build("in-a-session", 100);
        var building = Build("being-built", 100);
        var idle = Build("idle", 100);
        var newest = Build("newest", 100);
        Use(session);
        Use(building);
        Use(idle);
        Use(newest);
        using var sessionLease = _usage.Acquire([session]);
        using var buildLease = _usage.HandOver([building]);
        _options.CacheSizeLimitBytes = 300;

        var pass = await RunAsync();

        pass.Evicted.Should().Equal(idle);
        _builds.Entries().Should().BeEquivalentTo([session, building, newest]);
    }

    [Fact]
    public async Task RunAsync_EverythingPinned_EvictsNothingAndStaysOverTheLimit()
    {
        var pinned = Build("pinned", 100);
        Use(pinned);
        using var lease = _usage.Acquire([pinned]);
        _options.CacheSizeLimitBytes = 1;

        var pass = await RunAsync();

        pass.Should().BeEquivalentTo(new EvictionPass(100, 100, []), o => o.WithStrictOrdering());
        Directory.Exists(pinned).Should().BeTrue();
    }

    [Fact]
    public async Task RunAsync_PinLapsedOrReleased_EntryIsEvictedOnTheNextPass()
    {
        var entry = Build("handed-over", 100);
        Use(entry);
        _usage.HandOver([entry]);
        _options.CacheSizeLimitBytes = 1;
        var whilePinned = await RunAsync();

        _time.Advance(PluginCacheUsage.HandOverTimeout);
        var afterLapse = await RunAsync();

        whilePinned.Evicted.Should().BeEmpty();
        afterLapse.Evicted.Should().Equal(entry);
    }

    [Fact]
    public async Task LeaseReleased_AfterAPassStoppedOverTheLimit_EvictsWhatItPinnedInTheBackground()
    {
        var entry = Build("session-closes", 100);
        var session = _usage.Acquire([entry]);
        _options.CacheSizeLimitBytes = 1;
        var sut = CreateSut();
        await sut.RunAsync(CancellationToken.None).WaitAsync(Timeout);

        session.Dispose();

        await WaitUntilAsync(() => !Directory.Exists(entry));
    }

    [Fact]
    public async Task RunAsync_LimitZero_IsUnlimitedAndRemovesNothing()
    {
        var entry = Build("big", 10_000);
        _options.CacheSizeLimitBytes = 0;

        var pass = await RunAsync();

        pass.Should().Be(EvictionPass.Unlimited);
        Directory.Exists(entry).Should().BeTrue();
    }

    [Fact]
    public async Task RunAsync_BuildsAndGitRepositories_AreWeighedTogetherAndEvictedByKind()
    {
        var repository = Repository("0123456789abcdef", 300);
        var build = Build("git-0123456789abcdef-cafe", 100);
        Use(repository);
        Use(build);
        _options.CacheSizeLimitBytes = 200;

        var pass = await RunAsync();

        pass.Should().BeEquivalentTo(new EvictionPass(400, 100, [repository]), o => o.WithStrictOrdering());
        Directory.Exists(repository).Should().BeFalse();
        _git.Entries().Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(Path.Combine(_options.CacheDirectory, "git", "tmp")).Should().BeEmpty("it was deleted after it was moved out");
        _metrics.Snapshot().CacheEvictions.Should().Be(1);
    }

    [Fact]
    public async Task RunAsync_LinkInAnEntry_IsNeitherWeighedNorFollowedWhenDeleting()
    {
        var outside = Path.Combine(_root, "outside.bin");
        File.WriteAllBytes(outside, new byte[1_000_000]);
        var linking = Build("linking", 100);
        File.CreateSymbolicLink(Path.Combine(linking, "out", "escape.bin"), outside);
        var other = Build("other", 100);
        Use(linking);
        Use(other);
        _options.CacheSizeLimitBytes = 150;

        var pass = await RunAsync();

        pass.Should().BeEquivalentTo(new EvictionPass(200, 100, [linking]), o => o.WithStrictOrdering());
        File.Exists(outside).Should().BeTrue();
    }

    [Fact]
    public async Task RequestRun_OverTheLimit_EvictsInTheBackground()
    {
        var old = Build("old", 100);
        var recent = Build("recent", 100);
        Use(old);
        Use(recent);
        _options.CacheSizeLimitBytes = 150;

        CreateSut().RequestRun();

        await WaitUntilAsync(() => !Directory.Exists(old));
        Directory.Exists(recent).Should().BeTrue();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A published build of <paramref name="bytes"/> bytes of output.</summary>
    private string Build(string key, int bytes)
    {
        var entry = _builds.EntryDirectoryOf(key);
        Directory.CreateDirectory(Path.Combine(entry, "out"));
        File.WriteAllBytes(Path.Combine(entry, "out", "Plugin.dll"), new byte[bytes]);
        return entry;
    }

    /// <summary>A cached repository whose clone holds <paramref name="bytes"/> bytes.</summary>
    private string Repository(string key, int bytes)
    {
        _git.Entries();
        var entry = Path.Combine(_options.CacheDirectory, "git", "repos", key);
        Directory.CreateDirectory(Path.Combine(entry, "git", "objects"));
        Directory.CreateDirectory(Path.Combine(entry, "trees"));
        File.WriteAllBytes(Path.Combine(entry, "git", "objects", "pack"), new byte[bytes]);
        return entry;
    }

    /// <summary>Records a use of <paramref name="entry"/> now, and moves time on.</summary>
    private void Use(string entry)
    {
        LastUsedFile.Touch(entry, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(1));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private Task<EvictionPass> RunAsync() => CreateSut().RunAsync(CancellationToken.None).WaitAsync(Timeout);

    private PluginCacheEvictor CreateSut() =>
        new(_builds, _git, _usage, _metrics, Options.Create(_options), NullLogger<PluginCacheEvictor>.Instance);
}
