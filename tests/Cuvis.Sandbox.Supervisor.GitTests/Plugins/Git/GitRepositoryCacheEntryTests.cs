using Cuvis.Sandbox.Supervisor.Plugins.Cache;
using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Supervisor.GitTests.Plugins.Git;

/// <summary>What eviction needs from the git cache: hits and misses, each entry's last use, and taking an idle entry out whole.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class GitRepositoryCacheEntryTests : GitCacheTestContext
{
    private readonly TestGitRepository _origin;

    public GitRepositoryCacheEntryTests()
    {
        _origin = CreateOrigin();
        _origin.Commit("first", ("plugin.txt", "one"));
        _origin.Tag("v1.0.0");
    }

    [Fact]
    public async Task CheckoutAsync_SameTagTwice_CountsAMissThenAHit()
    {
        var cache = CreateSut();

        var first = await CheckoutAsync(cache, _origin.FileUrl, "v1.0.0");
        var second = await CheckoutAsync(cache, _origin.FileUrl, "v1.0.0");

        (first.AddedToCache, second.AddedToCache).Should().Be((true, false));
        var metrics = Metrics.Snapshot();
        (metrics.CacheMisses, metrics.CacheHits).Should().Be((1L, 1L));
    }

    [Fact]
    public async Task CheckoutAsync_EachCheckout_RecordsItsTimeAsTheEntrysLastUse()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var cache = CreateSut(timeProvider: time);
        var entry = cache.EntryDirectoryOf(_origin.FileUrl);

        await CheckoutAsync(cache, _origin.FileUrl, "v1.0.0");
        var afterClone = LastUsedFile.Read(entry);
        time.Advance(TimeSpan.FromHours(3));
        await CheckoutAsync(cache, _origin.FileUrl, "v1.0.0");

        afterClone.Should().Be(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        LastUsedFile.Read(entry).Should().Be(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero));
        cache.Entries().Should().Equal(entry);
    }

    [Fact]
    public async Task TryTakeOut_IdleEntry_MovesItOutWholeAndTheNextCheckoutClonesAgain()
    {
        var cache = CreateSut();
        var checkout = await CheckoutAsync(cache, _origin.FileUrl, "v1.0.0");
        var entry = cache.EntryDirectoryOf(_origin.FileUrl);

        var doomed = cache.TryTakeOut(entry);

        doomed.Should().StartWith(TmpDirectory + "/");
        Directory.Exists(entry).Should().BeFalse();
        ReadFile(Path.Combine(doomed!, "trees", checkout.Commit), "plugin.txt").Should().Be("one", "it moved whole");
        cache.Entries().Should().BeEmpty();
        cache.TryTakeOut(entry).Should().BeNull("it is gone already");
        await CheckoutAsync(cache, _origin.FileUrl, "v1.0.0");
        cache.CloneCount.Should().Be(2);
    }

    [Fact]
    public async Task TryTakeOut_WhileAFetchRuns_LeavesTheEntryInPlace()
    {
        var server = Path.Combine(Root, "server");
        var remote = TestGitRepository.Create(Path.Combine(server, "plugin"));
        remote.Commit("first", ("plugin.txt", "one"));
        var release = Path.Combine(Root, "release");
        File.WriteAllText(release, "");
        var cache = CreateSut(options => options.SshCommand = StandInSsh.UploadPack(Root, server, release));
        await CheckoutAsync(cache, "git@fakehost:plugin", "main");
        var entry = cache.EntryDirectoryOf("git@fakehost:plugin");
        File.Delete(release);

        // A branch is re-resolved: this fetch waits on the stand-in ssh until released.
        var fetching = CheckoutAsync(cache, "git@fakehost:plugin", "main");
        await WaitUntilAsync(() => File.ReadAllLines(StandInSsh.CallLog(Root)).Length == 2);
        var doomed = cache.TryTakeOut(entry);
        File.WriteAllText(release, "");
        await fetching;

        doomed.Should().BeNull();
        Directory.Exists(entry).Should().BeTrue();
    }
}
