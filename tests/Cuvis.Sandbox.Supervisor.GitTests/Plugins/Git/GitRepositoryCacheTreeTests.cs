namespace Cuvis.Sandbox.Supervisor.GitTests.Plugins.Git;

/// <summary>What a checked-out tree looks like on disk, and what an untrusted repository cannot make it do.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class GitRepositoryCacheTreeTests : GitCacheTestContext
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly TestGitRepository _origin;

    public GitRepositoryCacheTreeTests()
    {
        _origin = CreateOrigin();
    }

    [Fact]
    public async Task CheckoutAsync_ExecutableFile_KeepsExecutableBitAndLeavesOthersPlain()
    {
        _origin.Commit("scripts", ("build.sh", "#!/bin/sh\necho built\n"), ("README.md", "readme"));
        _origin.Git("update-index", "--chmod=+x", "build.sh");
        _origin.Git("commit", "--quiet", "-m", "make build.sh executable");
        var cache = CreateSut();

        var checkout = await CheckoutAsync(cache, _origin.FileUrl, "main");

        File.GetUnixFileMode(Path.Combine(checkout.SourceDirectory, "build.sh")).Should().HaveFlag(UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(checkout.SourceDirectory, "README.md")).HasFlag(UnixFileMode.UserExecute).Should().BeFalse();
        ReadFile(checkout.SourceDirectory, "build.sh").Should().Be("#!/bin/sh\necho built\n");
    }

    [Fact]
    public async Task CheckoutAsync_Tree_HasNoGitDirectoryAndExactBytes()
    {
        _origin.Commit("files", ("windows.txt", "line one\r\nline two\r\n"), ("empty.txt", ""), ("deep/a/b/c.txt", "deep"));
        var cache = CreateSut();

        var checkout = await CheckoutAsync(cache, _origin.FileUrl, "main");

        Directory.Exists(Path.Combine(checkout.SourceDirectory, ".git")).Should().BeFalse();
        File.Exists(Path.Combine(checkout.SourceDirectory, ".git")).Should().BeFalse();
        ReadFile(checkout.SourceDirectory, "windows.txt").Should().Be("line one\r\nline two\r\n");
        ReadFile(checkout.SourceDirectory, "empty.txt").Should().BeEmpty();
        ReadFile(checkout.SourceDirectory, "deep/a/b/c.txt").Should().Be("deep");
        Directory.EnumerateFileSystemEntries(checkout.SourceDirectory).Select(Path.GetFileName)
            .Should().BeEquivalentTo(["windows.txt", "empty.txt", "deep"]);
    }

    [Fact]
    public async Task CheckoutAsync_CacheDirectories_ArePrivate()
    {
        _origin.Commit("files", ("sub/file.txt", "x"));
        var cache = CreateSut();

        var checkout = await CheckoutAsync(cache, _origin.FileUrl, "main");

        var entry = Path.Combine(ReposDirectory, checkout.CacheKey);
        string[] directories =
        [
            CacheDirectory, ReposDirectory, TmpDirectory, entry, Path.Combine(entry, "git"), Path.Combine(entry, "trees"),
            checkout.SourceDirectory, Path.Combine(checkout.SourceDirectory, "sub"),
        ];
        foreach (var directory in directories)
        {
            File.GetUnixFileMode(directory).Should().Be(OwnerOnly, directory);
        }
    }

    [Fact]
    public async Task CheckoutAsync_SymbolicLinkInsideTree_IsRecreated()
    {
        _origin.Commit("target", ("shared/config.json", "{}"), ("nodes/readme.txt", "r"));
        File.CreateSymbolicLink(Path.Combine(_origin.Path, "config.json"), "shared/config.json");
        File.CreateSymbolicLink(Path.Combine(_origin.Path, "nodes", "config.json"), "../shared/config.json");
        _origin.Commit("links");
        var cache = CreateSut();

        var checkout = await CheckoutAsync(cache, _origin.FileUrl, "main");

        new FileInfo(Path.Combine(checkout.SourceDirectory, "config.json")).LinkTarget.Should().Be("shared/config.json");
        ReadFile(checkout.SourceDirectory, "nodes/config.json").Should().Be("{}");
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../../outside")]
    [InlineData("sub/../../outside")]
    public async Task CheckoutAsync_SymbolicLinkLeavingTree_IsRefusedAndNothingIsPublished(string target)
    {
        _origin.Commit("files", ("sub/file.txt", "x"));
        File.CreateSymbolicLink(Path.Combine(_origin.Path, "sub", "escape"), target);
        var commit = _origin.Commit("escape");
        var cache = CreateSut();

        var error = await CheckoutFailsAsync(cache, _origin.FileUrl, "main");

        error.Message.Should().Be(
            $"Commit {commit} of {_origin.FileUrl} cannot be checked out safely: 'sub/escape' is a symbolic link to '{target}', "
            + (target.StartsWith('/') ? "outside the repository." : "outside the repository or through '..' after a name."));
        Directory.EnumerateFileSystemEntries(Path.Combine(Directory.EnumerateDirectories(ReposDirectory).Single(), "trees"))
            .Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(TmpDirectory).Should().BeEmpty();
    }

    [Fact]
    public async Task CheckoutAsync_EntryNamedDotGit_IsRefused()
    {
        // git add refuses such a path, but a hostile remote can still serve the objects.
        _origin.Commit("files", ("plugin.txt", "x"));
        var blob = _origin.Git("hash-object", "-w", "plugin.txt");
        var tree = _origin.GitWithInput($"100644 blob {blob}\t.git\n100644 blob {blob}\tplugin.txt\n", "mktree");
        var commit = _origin.Git("commit-tree", tree, "-p", "HEAD", "-m", "hostile");
        _origin.Git("update-ref", "refs/heads/main", commit);
        var cache = CreateSut();

        var error = await CheckoutFailsAsync(cache, _origin.FileUrl, "main");

        error.Message.Should().Be($"Commit {commit} of {_origin.FileUrl} cannot be checked out safely: '.git' is named .git, which git itself refuses to check out.");
    }
}
