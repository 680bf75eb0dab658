using Cuvis.Sandbox.Supervisor.Plugins.Git;

namespace Cuvis.Sandbox.Supervisor.GitTests.Plugins.Git;

/// <summary>Concurrent callers, interrupted work, and when an entry becomes visible.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class GitRepositoryCacheConcurrencyTests : GitCacheTestContext
{
    private readonly TestGitRepository _origin;
    private readonly string _tagged;

    public GitRepositoryCacheConcurrencyTests()
    {
        _origin = CreateOrigin();
        _tagged = _origin.Commit("first", ("plugin.txt", "one"));
        _origin.Tag("v1.0.0");
    }

    [Fact]
    public async Task CheckoutAsync_ManyCallersSameRepositoryAndRef_CloneAndCheckOutOnce()
    {
        var cache = CreateSut();

        var checkouts = await Task.WhenAll(Enumerable.Range(0, 8).Select(index =>
            Task.Run(() => CheckoutAsync(cache, _origin.FileUrl, "v1.0.0", $"plugin-{index}"))));

        cache.CloneCount.Should().Be(1);
        cache.FetchCount.Should().Be(0);
        checkouts.Select(checkout => checkout.Commit).Should().AllBe(_tagged);
        checkouts.Select(checkout => checkout.SourceDirectory).Distinct().Should().ContainSingle();
        var entry = Path.Combine(ReposDirectory, checkouts[0].CacheKey);
        Directory.EnumerateDirectories(Path.Combine(entry, "trees")).Should().ContainSingle();
        File.ReadAllLines(Path.Combine(entry, "plugin-names")).Should().BeEquivalentTo(Enumerable.Range(0, 8).Select(index => $"plugin-{index}"));
    }

    [Fact]
    public async Task CheckoutAsync_ManyCallersSameCommitByDifferentRefs_ShareOneTree()
    {
        var cache = CreateSut();

        var checkouts = await Task.WhenAll(new[] { "v1.0.0", _tagged, _tagged[..8], "main" }.Select(gitRef =>
            Task.Run(() => CheckoutAsync(cache, _origin.FileUrl, gitRef))));

        cache.CloneCount.Should().Be(1);
        checkouts.Select(checkout => checkout.SourceDirectory).Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task CheckoutAsync_LeftoverInTmpFromCrash_IsRemovedAndNeverServed()
    {
        // A crash mid-clone: a complete-looking entry for this very URL, never published.
        var key = GitCacheLayout.CacheKey(_origin.FileUrl);
        var leftover = Path.Combine(TmpDirectory, "0123456789abcdef");
        Directory.CreateDirectory(Path.Combine(leftover, "git"));
        Directory.CreateDirectory(Path.Combine(leftover, "trees", _tagged));
        File.WriteAllText(Path.Combine(leftover, "trees", _tagged, "plugin.txt"), "half written");
        File.WriteAllText(Path.Combine(TmpDirectory, "stray-file"), "x");
        var cache = CreateSut();

        var checkout = await CheckoutAsync(cache, _origin.FileUrl, "v1.0.0");

        Directory.Exists(leftover).Should().BeFalse();
        Directory.EnumerateFileSystemEntries(TmpDirectory).Should().BeEmpty();
        cache.CloneCount.Should().Be(1);
        checkout.CacheKey.Should().Be(key);
        ReadFile(checkout.SourceDirectory, "plugin.txt").Should().Be("one");
    }

    [Fact]
    public async Task CheckoutAsync_StaleRefLockFromKilledFetch_IsRemovedOnStart()
    {
        var first = await CheckoutAsync(CreateSut(), _origin.FileUrl, "main");
        File.WriteAllText(Path.Combine(ReposDirectory, first.CacheKey, "git", "refs", "heads", "main.lock"), "");
        var moved = _origin.Commit("second", ("plugin.txt", "two"));
        var cache = CreateSut();

        var checkout = await CheckoutAsync(cache, _origin.FileUrl, "main");

        checkout.Commit.Should().Be(moved);
        File.Exists(Path.Combine(ReposDirectory, first.CacheKey, "git", "refs", "heads", "main.lock")).Should().BeFalse();
    }

    [Fact]
    public async Task CheckoutAsync_CloneInProgress_EntryInvisibleUntilComplete()
    {
        var server = Path.Combine(Root, "server");
        var remote = TestGitRepository.Create(Path.Combine(server, "plugin"));
        var commit = remote.Commit("first", ("plugin.txt", "slow"));
        var release = Path.Combine(Root, "release");
        var ssh = StandInSsh.UploadPack(Root, server, release);
        var cache = CreateSut(options => options.SshCommand = ssh);

        var pending = CheckoutAsync(cache, "git@fakehost:plugin", "main");
        await WaitUntilAsync(() => File.Exists(StandInSsh.CallLog(Root)));

        Directory.EnumerateFileSystemEntries(ReposDirectory).Should().BeEmpty("nothing is published while the clone runs");
        Directory.EnumerateDirectories(TmpDirectory).Should().ContainSingle("the clone is built in tmp/");
        pending.IsCompleted.Should().BeFalse();

        File.WriteAllText(release, "");
        var checkout = await pending;

        checkout.Commit.Should().Be(commit);
        Directory.EnumerateDirectories(ReposDirectory).Should().ContainSingle();
        Directory.EnumerateFileSystemEntries(TmpDirectory).Should().BeEmpty();
    }
}
