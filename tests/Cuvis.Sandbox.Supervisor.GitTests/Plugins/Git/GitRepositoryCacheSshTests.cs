using System.Diagnostics;

namespace Cuvis.Sandbox.Supervisor.GitTests.Plugins.Git;

/// <summary>ssh URLs go through the git command line with a stand-in ssh command: no network.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class GitRepositoryCacheSshTests : GitCacheTestContext
{
    private readonly string _server;
    private readonly TestGitRepository _origin;
    private readonly string _tagged;

    public GitRepositoryCacheSshTests()
    {
        _server = Path.Combine(Root, "server");
        _origin = TestGitRepository.Create(Path.Combine(_server, "team", "plugin"));
        _tagged = _origin.Commit("first", ("plugin.txt", "over ssh"));
        _origin.Tag("v1.0.0");
    }

    [Fact]
    public async Task CheckoutAsync_ScpLikeUrl_ClonesThroughSshCommand()
    {
        var ssh = StandInSsh.UploadPack(Root, _server);
        var cache = CreateSut(options => options.SshCommand = ssh);

        var checkout = await CheckoutAsync(cache, "git@fakehost:team/plugin", "v1.0.0");

        checkout.Commit.Should().Be(_tagged);
        ReadFile(checkout.SourceDirectory, "plugin.txt").Should().Be("over ssh");
        cache.CloneCount.Should().Be(1);
        var calls = File.ReadAllText(StandInSsh.CallLog(Root));
        calls.Should().Contain("-o BatchMode=yes").And.Contain("git@fakehost").And.Contain("git-upload-pack 'team/plugin'");
    }

    [Fact]
    public async Task CheckoutAsync_SshUrlBranchMoved_FetchesThroughSshCommand()
    {
        var ssh = StandInSsh.UploadPack(Root, _server);
        var cache = CreateSut(options => options.SshCommand = ssh);
        var url = "ssh://git@fakehost" + _origin.Path;
        await CheckoutAsync(cache, url, "main");
        var moved = _origin.Commit("second", ("plugin.txt", "moved"));

        var checkout = await CheckoutAsync(cache, url, "main");

        checkout.Commit.Should().Be(moved);
        ReadFile(checkout.SourceDirectory, "plugin.txt").Should().Be("moved");
        cache.FetchCount.Should().Be(1);
    }

    [Fact]
    public async Task CheckoutAsync_SshRefusesKey_ThrowsWithSshStderr()
    {
        var ssh = StandInSsh.PermissionDenied(Root);
        var cache = CreateSut(options => options.SshCommand = ssh);

        var error = await CheckoutFailsAsync(cache, "git@fakehost:team/plugin", "v1.0.0");

        error.Message.Should().StartWith("Repository not found: git@fakehost:team/plugin: git exited with code ")
            .And.Contain("Permission denied (publickey)");
        Directory.EnumerateFileSystemEntries(ReposDirectory).Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(TmpDirectory).Should().BeEmpty();
    }

    [Fact]
    public async Task CheckoutAsync_SshNeverAnswers_FailsAfterNetworkTimeout()
    {
        var ssh = StandInSsh.Hang(Root);
        var cache = CreateSut(options =>
        {
            options.SshCommand = ssh;
            options.NetworkTimeout = TimeSpan.FromSeconds(1);
        });
        var stopwatch = Stopwatch.StartNew();

        var error = await CheckoutFailsAsync(cache, "git@fakehost:team/plugin", "v1.0.0");

        error.Message.Should().Be("Repository not found: git@fakehost:team/plugin: no answer within 1 s (the git network timeout); try again later.");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        // The work directory goes once git and ssh are dead, which may be just after the caller was answered.
        await WaitUntilAsync(() => !Directory.EnumerateFileSystemEntries(TmpDirectory).Any());
        Directory.EnumerateFileSystemEntries(ReposDirectory).Should().BeEmpty();
    }
}
