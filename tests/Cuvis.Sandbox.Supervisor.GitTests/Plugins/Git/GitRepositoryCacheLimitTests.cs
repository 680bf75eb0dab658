using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Supervisor.Plugins.Git;

namespace Cuvis.Sandbox.Supervisor.GitTests.Plugins.Git;

/// <summary>A commit's tree is held to the plugin source limits while it is written, and hostile tree shapes are refused.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class GitRepositoryCacheLimitTests : GitCacheTestContext
{
    private readonly TestGitRepository _origin;

    public GitRepositoryCacheLimitTests()
    {
        _origin = CreateOrigin();
    }

    [Fact]
    public async Task CheckoutAsync_MoreEntriesThanTheLimit_FailsNamingLimitSettingAndCount_AndPublishesNothing()
    {
        var commit = _origin.Commit("five files", ("a.txt", "a"), ("b.txt", "b"), ("c.txt", "c"), ("d.txt", "d"), ("e.txt", "e"));
        var cache = CreateSut();

        var error = await CheckoutPastLimitsAsync(cache, DefaultLimits with { MaxFiles = 3 });

        error.Message.Should().Be(
            $"Plugin 'plugin' is too large to load: its sources (commit {commit} of {_origin.FileUrl}) hold at least 4 files, folders and links, "
            + "more than the 3 Plugins:MaxSourceFiles allows. Leave out what its build does not need, or raise Plugins:MaxSourceFiles.");
        AssertNothingPublished();
    }

    [Fact]
    public async Task CheckoutAsync_FoldersCountAsEntries()
    {
        _origin.Commit("one file, two folders deep", ("src/nodes/node.cs", "class Node {}"));
        var cache = CreateSut();

        var error = await CheckoutPastLimitsAsync(cache, DefaultLimits with { MaxFiles = 2 });

        error.Message.Should().Contain("hold at least 3 files, folders and links, more than the 2 Plugins:MaxSourceFiles allows");
    }

    [Fact]
    public async Task CheckoutAsync_MoreBytesThanTheLimit_FailsNamingLimitSettingAndSize_AndPublishesNothing()
    {
        var commit = _origin.Commit("big", ("small.txt", "0123456789"), ("big.bin", new string('x', 3000)));
        var cache = CreateSut();

        var error = await CheckoutPastLimitsAsync(cache, DefaultLimits with { MaxBytes = 2048 });

        // A tree lists big.bin before small.txt: the count stops at big.bin's 3000 bytes.
        error.Message.Should().Be(
            $"Plugin 'plugin' is too large to load: its sources (commit {commit} of {_origin.FileUrl}) hold at least 3,000 bytes, "
            + "more than the 2,048 bytes Plugins:MaxSourceBytes allows. Leave out what its build does not need, or raise Plugins:MaxSourceBytes.");
        AssertNothingPublished();
    }

    [Fact]
    public async Task CheckoutAsync_ExactlyAtTheLimits_IsCheckedOut()
    {
        _origin.Commit("three files", ("a.txt", "aa"), ("b.txt", "bb"), ("c.txt", "cc"));
        var cache = CreateSut();

        var checkout = await CheckoutAsync(cache, _origin.FileUrl, "main", limits: new SourceLimits(MaxFiles: 3, MaxBytes: 6));

        ReadFile(checkout.SourceDirectory, "c.txt").Should().Be("cc");
    }

    [Fact]
    public async Task CheckoutAsync_Submodule_IsAnEmptyFolder_LikeAPlainClone()
    {
        var dependency = _origin.Commit("files", ("plugin.txt", "x"));
        var blob = _origin.Git("hash-object", "-w", "plugin.txt");
        var tree = _origin.GitWithInput($"100644 blob {blob}\tplugin.txt\n160000 commit {dependency}\tvendor\n", "mktree");
        HostileCommit(tree);
        var cache = CreateSut();

        var checkout = await CheckoutAsync(cache, _origin.FileUrl, "main");

        Directory.EnumerateFileSystemEntries(Path.Combine(checkout.SourceDirectory, "vendor")).Should().BeEmpty("submodules are not fetched");
        ReadFile(checkout.SourceDirectory, "plugin.txt").Should().Be("x");
    }

    [Fact]
    public async Task CheckoutAsync_NameTwiceInAFolder_IsRefused_SoALinkToDotCannotLeadOut()
    {
        // "a" -> "." then a folder also named "a": its contents would land in the root, where
        // "a/escape" -> "../outside" (one level up, allowed from depth 1) leaves the tree.
        _origin.Commit("files", ("plugin.txt", "x"));
        var dot = _origin.GitWithInput(".", "hash-object", "-w", "--stdin");
        var up = _origin.GitWithInput("../outside", "hash-object", "-w", "--stdin");
        var inner = _origin.GitWithInput($"120000 blob {up}\tescape\n", "mktree");
        var tree = _origin.GitWithInput($"120000 blob {dot}\ta\n040000 tree {inner}\ta\n", "mktree");
        var commit = HostileCommit(tree);
        var cache = CreateSut();

        var error = await CheckoutFailsAsync(cache, _origin.FileUrl, "main");

        error.Message.Should().Be($"Commit {commit} of {_origin.FileUrl} cannot be checked out safely: 'a' appears twice in its folder.");
        AssertNothingPublished();
    }

    [Fact]
    public async Task CheckoutAsync_LinkTargetLongerThanAPath_IsRefusedUnread()
    {
        _origin.Commit("files", ("plugin.txt", "x"));
        var target = _origin.GitWithInput(string.Concat(Enumerable.Repeat("d/", 2100)), "hash-object", "-w", "--stdin");
        var tree = _origin.GitWithInput($"120000 blob {target}\tlong\n", "mktree");
        var commit = HostileCommit(tree);
        var cache = CreateSut();

        var error = await CheckoutFailsAsync(cache, _origin.FileUrl, "main");

        error.Message.Should().Be(
            $"Commit {commit} of {_origin.FileUrl} cannot be checked out safely: 'long' is a symbolic link with a target longer than 4096 bytes.");
    }

    [Fact]
    public async Task CheckoutAsync_GitBombOfAHundredMillionFiles_IsRefusedAtTheLimitInBoundedTime()
    {
        // Eight levels of ten folders naming one subtree: a few kilobytes that check out to 10^8 files.
        _origin.Commit("files", ("plugin.txt", "x"));
        var tree = BombTree(_origin.Git("hash-object", "-w", "plugin.txt"), width: 10, levels: 8);
        HostileCommit(tree);
        var cache = CreateSut();

        var error = await CheckoutPastLimitsAsync(cache, DefaultLimits with { MaxFiles = 1000 });

        error.Message.Should().Contain("hold at least 1,001 files, folders and links, more than the 1,000 Plugins:MaxSourceFiles allows");
        AssertNothingPublished();
    }

    [Fact]
    public async Task CheckoutAsync_GitBombOfAGibibyte_IsRefusedBeforeAByteIsWritten()
    {
        // One mebibyte of zeros (a kilobyte packed) named by 10 x 100 files: 1 GiB checked out.
        // Before the tree was measured first, the checkout wrote up to the limit, then removed it.
        _origin.Commit("files", ("plugin.txt", "x"));
        File.WriteAllBytes(Path.Combine(_origin.Path, "zeros.bin"), new byte[1024 * 1024]);
        var tree = BombTree(_origin.Git("hash-object", "-w", "zeros.bin"), width: 10, levels: 1, files: 100);
        HostileCommit(tree);
        var cache = CreateSut();
        var written = WrittenBytes();

        var error = await CheckoutPastLimitsAsync(cache, DefaultLimits with { MaxBytes = 100L * 1024 * 1024 });

        error.Message.Should().Contain("more than the 100.0 MiB (104,857,600 bytes) Plugins:MaxSourceBytes allows");
        (WrittenBytes() - written).Should().BeLessThan(20L * 1024 * 1024, "the limit is found by reading object headers, before anything is written");
        AssertNothingPublished();
    }

    [Fact]
    public async Task CheckoutAsync_FoldersNestedDeeperThanTheLimit_AreRefusedUnwritten()
    {
        _origin.Commit("files", ("plugin.txt", "x"));
        var tree = _origin.GitWithInput($"100644 blob {_origin.Git("hash-object", "-w", "plugin.txt")}\tplugin.txt\n", "mktree");
        for (var level = 0; level <= GitTreeWriter.MaxDepth; level++)
        {
            tree = _origin.GitWithInput($"040000 tree {tree}\td\n", "mktree");
        }

        var commit = HostileCommit(tree);
        var cache = CreateSut();

        var error = await CheckoutFailsAsync(cache, _origin.FileUrl, "main");

        error.Message.Should().StartWith($"Commit {commit} of {_origin.FileUrl} cannot be checked out safely: 'd/d/d/")
            .And.EndWith($"' nests folders more than {GitTreeWriter.MaxDepth} levels deep.");
        AssertNothingPublished();
    }

    /// <summary>A tree of <paramref name="levels"/> levels of <paramref name="width"/> folders, each naming the level below; the bottom names <paramref name="blob"/> <paramref name="files"/> times.</summary>
    private string BombTree(string blob, int width, int levels, int files = 10)
    {
        var tree = _origin.GitWithInput(string.Concat(Enumerable.Range(0, files).Select(i => $"100644 blob {blob}\tf{i}\n")), "mktree");
        for (var level = 0; level < levels; level++)
        {
            tree = _origin.GitWithInput(string.Concat(Enumerable.Range(0, width).Select(i => $"040000 tree {tree}\td{i}\n")), "mktree");
        }

        return tree;
    }

    /// <summary>Bytes this process has written through write(2) and its kin so far.</summary>
    private static long WrittenBytes() =>
        long.Parse(File.ReadLines("/proc/self/io").Single(l => l.StartsWith("wchar:", StringComparison.Ordinal))["wchar:".Length..].Trim(),
            System.Globalization.CultureInfo.InvariantCulture);

    private async Task<PluginLoadException> CheckoutPastLimitsAsync(GitRepositoryCache cache, SourceLimits limits)
    {
        var act = () => cache.CheckoutAsync("plugin", _origin.FileUrl, "main", limits, CancellationToken.None).WaitAsync(Timeout);
        return (await act.Should().ThrowAsync<PluginLoadException>()).Which;
    }

    private string HostileCommit(string tree)
    {
        // git add refuses such trees; a hostile remote can still serve them.
        var commit = _origin.Git("commit-tree", tree, "-p", "HEAD", "-m", "hostile");
        _origin.Git("update-ref", "refs/heads/main", commit);
        return commit;
    }

    private void AssertNothingPublished()
    {
        Directory.EnumerateFileSystemEntries(Path.Combine(Directory.EnumerateDirectories(ReposDirectory).Single(), "trees"))
            .Should().BeEmpty("a tree is published only whole");
        Directory.EnumerateFileSystemEntries(TmpDirectory).Should().BeEmpty("the partial tree is removed");
    }
}
