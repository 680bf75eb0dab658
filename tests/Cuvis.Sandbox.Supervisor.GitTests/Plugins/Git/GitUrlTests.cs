using Cuvis.Sandbox.Supervisor.Plugins.Git;

namespace Cuvis.Sandbox.Supervisor.GitTests.Plugins.Git;

public class GitUrlTests
{
    [Theory]
    [InlineData("https://github.com/cubert-hyperspectral/plugin.git", GitTransport.Http)]
    [InlineData("http://git.example.com/team/plugin", GitTransport.Http)]
    [InlineData("HTTPS://github.com/org/plugin.git", GitTransport.Http)]
    [InlineData("ssh://git@github.com/org/plugin.git", GitTransport.Ssh)]
    [InlineData("ssh://git@git.example.com:2222/org/plugin.git", GitTransport.Ssh)]
    [InlineData("git@github.com:org/plugin.git", GitTransport.Ssh)]
    [InlineData("deploy.user@git.example.com:/srv/git/plugin.git", GitTransport.Ssh)]
    [InlineData("file:///srv/git/plugin.git", GitTransport.File)]
    [InlineData("/srv/git/plugin", GitTransport.LocalPath)]
    [InlineData("/srv/git/my-plugin.git", GitTransport.LocalPath)]
    internal void Validate_AcceptedForm_ReturnsTransport(string url, GitTransport expected)
    {
        GitUrl.Validate(url).Should().Be(expected);
    }

    [Theory]
    [InlineData("ext::sh -c touch% /tmp/pwned", "transport")]
    [InlineData("ext::sh", "ext::")]
    [InlineData("fd::17", "ext:: and fd::")]
    [InlineData("transport::anything", "'<transport>::'")]
    [InlineData("-uevil", "starts with '-'")]
    [InlineData("--upload-pack=touch /tmp/pwned", "starts with '-'")]
    [InlineData("--upload-pack=touch", "starts with '-'")]
    [InlineData("ssh://-oProxyCommand=touch/plugin.git", "starts with '-'")]
    [InlineData("git@host:-u/plugin.git", "starts with '-'")]
    [InlineData("https://host/repo.git/--upload-pack=evil", "starts with '-'")]
    [InlineData("file:///srv/git/plugin.git --upload-pack=evil", "whitespace")]
    [InlineData("https://host/repo.git\n-u", "whitespace or control")]
    [InlineData("https://host/re\u0007po", "whitespace or control")]
    [InlineData("https://host/repo .git", "whitespace")]
    [InlineData("plugins/plugin.git", "relative paths are not accepted")]
    [InlineData("./plugin", "relative paths are not accepted")]
    [InlineData("../plugin", "relative paths are not accepted")]
    [InlineData("host:plugin.git", "relative paths are not accepted")]
    [InlineData("git://github.com/org/plugin.git", "git:// transport is not accepted")]
    [InlineData("ftp://host/plugin.git", "ftp:// transport is not accepted")]
    [InlineData("file://otherhost/srv/plugin.git", "file:///path")]
    [InlineData("https://", "well-formed")]
    [InlineData("", "empty")]
    internal void Validate_RefusedForm_ThrowsWithReasonAndAcceptedForms(string url, string reason)
    {
        var act = () => GitUrl.Validate(url);

        act.Should().Throw<GitFetchException>()
            .Which.Message.Should().StartWith("Repository URL '")
            .And.Contain("is refused: ")
            .And.Contain(reason)
            .And.Contain("Accepted: https://host/path");
    }

    [Theory]
    [InlineData("file:///srv/git/plugin")]
    [InlineData("file:///srv/git/plugin/")]
    [InlineData("FILE:///srv/git/plugin")]
    [InlineData("file:///srv/git/./plugin")]
    [InlineData("file:///srv//git/plugin")]
    [InlineData("file:///srv/other/../git/plugin")]
    [InlineData("file:///srv/git/plugi%6E")]
    [InlineData("file:///srv/git/plugin/.git")]
    [InlineData("file:///srv/git/plugin/.git/")]
    [InlineData("/srv/git/plugin")]
    [InlineData("/srv/git/plugin/")]
    [InlineData("/srv/git/plugin/.git")]
    public void Canonical_SpellingsOfOneLocalRepository_AreOne(string url)
    {
        GitUrl.Canonical(url).Should().Be("file:///srv/git/plugin");
    }

    [Theory]
    [InlineData("HTTPS://GitHub.com/org/plugin.git", "https://github.com/org/plugin.git")]
    [InlineData("https://github.com:443/org/plugin.git", "https://github.com/org/plugin.git")]
    [InlineData("https://github.com/org/x/../plugin.git", "https://github.com/org/plugin.git")]
    [InlineData("https://github.com/Org/Plugin.git", "https://github.com/Org/Plugin.git")]
    [InlineData("https://github.com/org/plugin", "https://github.com/org/plugin")]
    [InlineData("git@github.com:org/plugin.git", "git@github.com:org/plugin.git")]
    [InlineData("/srv/git/plugin.git", "file:///srv/git/plugin.git")]
    public void Canonical_RemoteUrls_NormaliseOnlyWhatServersCannotTellApart(string url, string canonical)
    {
        GitUrl.Canonical(url).Should().Be(canonical);
    }

    [Fact]
    public void ForDisplay_UrlWithPassword_HidesPassword()
    {
        GitUrl.ForDisplay("https://bot:s3cret-token@git.example.com/org/plugin.git")
            .Should().Be("https://bot:***@git.example.com/org/plugin.git");
    }

    [Fact]
    public void ForDisplay_SshUrlWithPort_IsUnchanged()
    {
        GitUrl.ForDisplay("ssh://git@git.example.com:2222/org/plugin.git")
            .Should().Be("ssh://git@git.example.com:2222/org/plugin.git");
    }

    [Fact]
    public void Validate_ControlCharacters_AreNotEchoedIntoTheMessage()
    {
        var act = () => GitUrl.Validate("https://host/a\u001b[31mred");

        act.Should().Throw<GitFetchException>().Which.Message.Should().NotContain("\u001b");
    }
}
