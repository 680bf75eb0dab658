namespace Cuvis.Sandbox.Supervisor.GitTests.Plugins.Git;

public class GitRepositoryCacheClearTests : GitCacheTestContext
{
    private readonly TestGitRepository _alpha;
    private readonly TestGitRepository _beta;
    private readonly TestGitRepository _shared;

    public GitRepositoryCacheClearTests()
    {
        _alpha = CreateOrigin("alpha");
        _beta = CreateOrigin("beta");
        _shared = CreateOrigin("shared");
        foreach (var origin in new[] { _alpha, _beta, _shared })
        {
            origin.Commit("first", ("plugin.txt", origin.Path));
            origin.Tag("v1");
        }
    }

    [Fact]
    public async Task ClearAsync_PluginName_RemovesOnlyThatNamesRepositories()
    {
        var cache = CreateSut();
        var alpha = await CheckoutAsync(cache, _alpha.FileUrl, "v1", "detector");
        var shared = await CheckoutAsync(cache, _shared.FileUrl, "v1", "detector");
        await CheckoutAsync(cache, _shared.FileUrl, "v1", "classifier");
        var beta = await CheckoutAsync(cache, _beta.FileUrl, "v1", "classifier");

        var removed = await cache.ClearAsync("detector", CancellationToken.None).WaitAsync(Timeout);

        removed.Should().Be(2);
        Directory.Exists(Path.Combine(ReposDirectory, alpha.CacheKey)).Should().BeFalse();
        Directory.Exists(Path.Combine(ReposDirectory, shared.CacheKey)).Should().BeFalse();
        Directory.Exists(shared.SourceDirectory).Should().BeFalse();
        Directory.Exists(beta.SourceDirectory).Should().BeTrue();
        Directory.EnumerateFileSystemEntries(TmpDirectory).Should().BeEmpty();
    }

    [Fact]
    public async Task ClearAsync_UnknownPluginName_RemovesNothing()
    {
        var cache = CreateSut();
        await CheckoutAsync(cache, _alpha.FileUrl, "v1", "detector");

        var removed = await cache.ClearAsync("nobody", CancellationToken.None).WaitAsync(Timeout);

        removed.Should().Be(0);
        Directory.EnumerateDirectories(ReposDirectory).Should().ContainSingle();
    }

    [Fact]
    public async Task ClearAsync_EmptyName_RemovesAllAndNextCheckoutClonesAgain()
    {
        var cache = CreateSut();
        await CheckoutAsync(cache, _alpha.FileUrl, "v1", "detector");
        await CheckoutAsync(cache, _beta.FileUrl, "v1", "classifier");
        await CheckoutAsync(cache, _shared.FileUrl, "v1", "segmenter");

        var removed = await cache.ClearAsync("", CancellationToken.None).WaitAsync(Timeout);
        var again = await CheckoutAsync(cache, _alpha.FileUrl, "v1", "detector");

        removed.Should().Be(3);
        cache.CloneCount.Should().Be(4);
        ReadFile(again.SourceDirectory, "plugin.txt").Should().Be(_alpha.Path);
    }

    [Fact]
    public async Task ClearAsync_EmptyCache_ReturnsZero()
    {
        var cache = CreateSut();

        var removed = await cache.ClearAsync("", CancellationToken.None).WaitAsync(Timeout);

        removed.Should().Be(0);
        Directory.Exists(ReposDirectory).Should().BeTrue();
    }
}
