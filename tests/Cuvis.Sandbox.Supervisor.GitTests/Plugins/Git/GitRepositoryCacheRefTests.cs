namespace Cuvis.Sandbox.Supervisor.GitTests.Plugins.Git;

/// <summary>Resolving tags, branches and commits, and when the remote is (not) touched.</summary>
public class GitRepositoryCacheRefTests : GitCacheTestContext
{
    private readonly TestGitRepository _origin;
    private readonly string _first;
    private readonly string _second;

    public GitRepositoryCacheRefTests()
    {
        _origin = CreateOrigin();
        _first = _origin.Commit("first", ("plugin.txt", "version 1"), ("src/node.py", "print('one')"));
        _origin.Tag("v1.0.0");
        _second = _origin.Commit("second", ("plugin.txt", "version 2"));
        _origin.AnnotatedTag("v2.0.0");
    }

    [Fact]
    public async Task CheckoutAsync_Tag_ReturnsTreeOfTaggedCommit()
    {
        var cache = CreateSut();

        var checkout = await CheckoutAsync(cache, _origin.FileUrl, "v1.0.0");

        checkout.Commit.Should().Be(_first);
        checkout.Ref.Should().Be("v1.0.0");
        checkout.RepositoryUrl.Should().Be(_origin.FileUrl);
        ReadFile(checkout.SourceDirectory, "plugin.txt").Should().Be("version 1");
        ReadFile(checkout.SourceDirectory, "src/node.py").Should().Be("print('one')");
        Path.IsPathFullyQualified(checkout.SourceDirectory).Should().BeTrue();
        checkout.SourceDirectory.Should().Be(Path.Combine(ReposDirectory, checkout.CacheKey, "trees", _first));
    }

    [Fact]
    public async Task CheckoutAsync_AnnotatedTag_ReturnsTheCommitNotTheTagObject()
    {
        var cache = CreateSut();

        var checkout = await CheckoutAsync(cache, _origin.FileUrl, "v2.0.0");

        checkout.Commit.Should().Be(_second);
        ReadFile(checkout.SourceDirectory, "plugin.txt").Should().Be("version 2");
    }

    [Fact]
    public async Task CheckoutAsync_Branch_ReturnsTreeOfBranchHead()
    {
        _origin.Branch("stable");
        _origin.Commit("third", ("plugin.txt", "version 3"));
        var cache = CreateSut();

        var stable = await CheckoutAsync(cache, _origin.FileUrl, "stable");
        var main = await CheckoutAsync(cache, _origin.FileUrl, "main");

        stable.Commit.Should().Be(_second);
        ReadFile(stable.SourceDirectory, "plugin.txt").Should().Be("version 2");
        main.Commit.Should().Be(_origin.Head());
        ReadFile(main.SourceDirectory, "plugin.txt").Should().Be("version 3");
    }

    [Fact]
    public async Task CheckoutAsync_FullCommit_ReturnsTreeOfThatCommit()
    {
        var cache = CreateSut();

        var checkout = await CheckoutAsync(cache, _origin.FileUrl, _first);

        checkout.Commit.Should().Be(_first);
        ReadFile(checkout.SourceDirectory, "plugin.txt").Should().Be("version 1");
    }

    [Fact]
    public async Task CheckoutAsync_AbbreviatedCommit_ReturnsFullSha()
    {
        var cache = CreateSut();

        var checkout = await CheckoutAsync(cache, _origin.FileUrl, _first[..7]);

        checkout.Commit.Should().Be(_first).And.MatchRegex("^[0-9a-f]{40}$");
        ReadFile(checkout.SourceDirectory, "plugin.txt").Should().Be("version 1");
    }

    [Fact]
    public async Task CheckoutAsync_AbsolutePath_ClonesLikeFileUrl()
    {
        var cache = CreateSut();

        var checkout = await CheckoutAsync(cache, _origin.Path, "v1.0.0");

        checkout.Commit.Should().Be(_first);
        ReadFile(checkout.SourceDirectory, "plugin.txt").Should().Be("version 1");
        cache.CloneCount.Should().Be(1);
    }

    [Fact]
    public async Task CheckoutAsync_CachedTagAndCommit_DoNotTouchRemoteEvenAfterOriginDeleted()
    {
        var cache = CreateSut();
        await CheckoutAsync(cache, _origin.FileUrl, "v1.0.0");
        Directory.Delete(_origin.Path, recursive: true);

        var tag = await CheckoutAsync(cache, _origin.FileUrl, "v1.0.0");
        var full = await CheckoutAsync(cache, _origin.FileUrl, _second);
        var abbreviated = await CheckoutAsync(cache, _origin.FileUrl, _second[..9]);

        cache.CloneCount.Should().Be(1);
        cache.FetchCount.Should().Be(0);
        tag.Commit.Should().Be(_first);
        full.Commit.Should().Be(_second);
        abbreviated.SourceDirectory.Should().Be(full.SourceDirectory);
        ReadFile(full.SourceDirectory, "plugin.txt").Should().Be("version 2");
    }

    [Fact]
    public async Task CheckoutAsync_NewCacheInstanceOverSameDirectory_ServesCachedTagWithoutClone()
    {
        var first = await CheckoutAsync(CreateSut(), _origin.FileUrl, "v1.0.0");
        Directory.Delete(_origin.Path, recursive: true);
        var cache = CreateSut();

        var again = await CheckoutAsync(cache, _origin.FileUrl, "v1.0.0");

        again.Should().Be(first with { AddedToCache = false });
        cache.CloneCount.Should().Be(0);
        cache.FetchCount.Should().Be(0);
    }

    [Fact]
    public async Task CheckoutAsync_BranchMoved_FetchesAndReturnsNewCommit()
    {
        var cache = CreateSut();
        var before = await CheckoutAsync(cache, _origin.FileUrl, "main");
        var moved = _origin.Commit("third", ("plugin.txt", "version 3"));

        var after = await CheckoutAsync(cache, _origin.FileUrl, "main");

        before.Commit.Should().Be(_second);
        after.Commit.Should().Be(moved);
        cache.CloneCount.Should().Be(1);
        cache.FetchCount.Should().Be(1);
        ReadFile(after.SourceDirectory, "plugin.txt").Should().Be("version 3");
        ReadFile(before.SourceDirectory, "plugin.txt").Should().Be("version 2", "the first tree stays for whoever still uses it");
    }

    [Fact]
    public async Task CheckoutAsync_BranchUnchanged_StillFetches()
    {
        var cache = CreateSut();
        await CheckoutAsync(cache, _origin.FileUrl, "main");

        var again = await CheckoutAsync(cache, _origin.FileUrl, "main");

        again.Commit.Should().Be(_second);
        cache.FetchCount.Should().Be(1);
    }

    [Fact]
    public async Task CheckoutAsync_TagCreatedAfterClone_FetchesOnceThenServesFromCache()
    {
        var cache = CreateSut();
        await CheckoutAsync(cache, _origin.FileUrl, "v1.0.0");
        var third = _origin.Commit("third", ("plugin.txt", "version 3"));
        _origin.Tag("v3.0.0");

        var fetched = await CheckoutAsync(cache, _origin.FileUrl, "v3.0.0");
        var cached = await CheckoutAsync(cache, _origin.FileUrl, "v3.0.0");

        fetched.Commit.Should().Be(third);
        cached.Commit.Should().Be(third);
        cache.FetchCount.Should().Be(1);
    }

    [Fact]
    public async Task CheckoutAsync_UnknownRef_FetchesOnceThenThrowsRefNotFound()
    {
        var cache = CreateSut();
        await CheckoutAsync(cache, _origin.FileUrl, "v1.0.0");

        var error = await CheckoutFailsAsync(cache, _origin.FileUrl, "v9.9.9");

        error.Message.Should().Be($"Ref 'v9.9.9' not found in {_origin.FileUrl}: it is not a tag, branch or commit there.");
        cache.FetchCount.Should().Be(1);
    }

    [Fact]
    public async Task CheckoutAsync_UnknownRefOnFirstClone_ThrowsRefNotFoundWithoutExtraFetch()
    {
        var cache = CreateSut();

        var error = await CheckoutFailsAsync(cache, _origin.FileUrl, "deadbeef00");

        error.Message.Should().StartWith("Ref 'deadbeef00' not found in ");
        cache.CloneCount.Should().Be(1);
        cache.FetchCount.Should().Be(0, "the clone has just brought every branch and tag");
    }

    [Fact]
    public async Task CheckoutAsync_BranchWhenOriginGone_ThrowsRepositoryNotFound()
    {
        var cache = CreateSut();
        await CheckoutAsync(cache, _origin.FileUrl, "main");
        Directory.Delete(_origin.Path, recursive: true);

        var error = await CheckoutFailsAsync(cache, _origin.FileUrl, "main");

        error.Message.Should().StartWith($"Repository not found: {_origin.FileUrl}: ");
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("file-url-missing")]
    [InlineData("not-a-repository")]
    public async Task CheckoutAsync_UnknownRepository_ThrowsRepositoryNotFoundAndLeavesNoEntry(string kind)
    {
        var path = Path.Combine(Root, kind);
        if (kind == "not-a-repository")
        {
            Directory.CreateDirectory(path);
        }

        var url = kind == "file-url-missing" ? new Uri(path).AbsoluteUri : path;
        var cache = CreateSut();

        var error = await CheckoutFailsAsync(cache, url, "v1.0.0");

        error.Message.Should().StartWith($"Repository not found: {url}: ");
        Directory.EnumerateFileSystemEntries(ReposDirectory).Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(TmpDirectory).Should().BeEmpty();
    }

    [Fact]
    public async Task CheckoutAsync_RefusedUrl_ThrowsBeforeTouchingAnything()
    {
        var cache = CreateSut();

        var error = await CheckoutFailsAsync(cache, "ext::sh -c 'touch " + Path.Combine(Root, "pwned") + "'", "main");

        error.Message.Should().Contain("ext::");
        cache.CloneCount.Should().Be(0);
        File.Exists(Path.Combine(Root, "pwned")).Should().BeFalse();
    }

    [Fact]
    public async Task CheckoutAsync_RefusedRef_ThrowsBeforeTouchingAnything()
    {
        var cache = CreateSut();

        var error = await CheckoutFailsAsync(cache, _origin.FileUrl, "--upload-pack=touch");

        error.Message.Should().StartWith("Ref '--upload-pack=touch' is refused");
        cache.CloneCount.Should().Be(0);
    }
}
