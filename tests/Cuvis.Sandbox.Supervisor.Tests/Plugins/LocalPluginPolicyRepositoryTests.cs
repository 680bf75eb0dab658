using Cuvis.Sandbox.Supervisor.Hosting;
using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Supervisor.Plugins.Git;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

/// <summary>Git repositories on this machine's file system are local plugins too: the same policy applies.</summary>
public sealed class LocalPluginPolicyRepositoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cslr").FullName;

    [Theory]
    [InlineData("https://github.com/org/plugin.git")]
    [InlineData("git@github.com:org/plugin.git")]
    [InlineData("ssh://git@git.example.com:2222/org/plugin.git")]
    public void ResolveRepository_RemoteUrl_IsReturnedAsGivenEvenBeyondLoopbackWithRoots(string url)
    {
        var allowed = Directory.CreateDirectory(Path.Combine(_root, "allowed")).FullName;

        CreateSut(bind: "0.0.0.0", allowed).ResolveRepository(url).Should().BeSameAs(url);
        CreateSut(bind: "0.0.0.0").ResolveRepository(url).Should().BeSameAs(url);
    }

    [Fact]
    public void ResolveRepository_FileUrlOnLoopbackWithoutRoots_IsAllowedEvenWhenMissing()
    {
        // A missing repository is git's to report ("Repository not found"), as before.
        var repository = Path.Combine(_root, "repo.git");

        CreateSut(bind: "127.0.0.1").ResolveRepository("file://" + repository).Should().Be("file://" + repository);
        CreateSut(bind: "localhost").ResolveRepository(repository).Should().Be(repository);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ResolveRepository_BeyondLoopbackWithoutRoots_IsRefused(bool asFileUrl)
    {
        var repository = Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName;
        var url = asFileUrl ? new Uri(repository).AbsoluteUri : repository;

        var resolve = () => CreateSut(bind: "0.0.0.0").ResolveRepository(url);

        resolve.Should().Throw<PluginLoadException>().WithMessage(
            "Git repositories on this server's file system (file:// URLs and absolute paths) are refused: this server listens on 0.0.0.0, "
            + "beyond this machine, and no Plugins:LocalRoots are configured. Fetch the repository over https:// or ssh, "
            + "or set Plugins:LocalRoots to the directories local plugins and repositories may come from.");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ResolveRepository_OutsideTheRoots_IsRefused_InsideIsAllowed(bool asFileUrl)
    {
        var allowed = Directory.CreateDirectory(Path.Combine(_root, "allowed")).FullName;
        var inside = Directory.CreateDirectory(Path.Combine(allowed, "repo")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(_root, "allowed-not", "repo")).FullName;
        string Url(string path) => asFileUrl ? new Uri(path).AbsoluteUri : path;
        var sut = CreateSut(bind: "127.0.0.1", allowed);

        sut.ResolveRepository(Url(inside)).Should().Be(Url(inside));
        sut.Invoking(s => s.ResolveRepository(Url(outside))).Should().Throw<PluginLoadException>().WithMessage(
            $"Repository '{Url(outside)}' is outside the allowed roots ({allowed}). Move it under one of them or add its directory to Plugins:LocalRoots.");
    }

    [Fact]
    public void ResolveRepository_FileUrlWithDotDotOutOfTheRoot_IsRefused()
    {
        var allowed = Directory.CreateDirectory(Path.Combine(_root, "allowed")).FullName;
        Directory.CreateDirectory(Path.Combine(_root, "outside"));

        var resolve = () => CreateSut(bind: "127.0.0.1", allowed).ResolveRepository($"file://{allowed}/%2e%2e/outside");

        resolve.Should().Throw<PluginLoadException>().WithMessage("Repository 'file://*' is outside the allowed roots*");
    }

    [Fact]
    public void ResolveRepository_LinkOutOfTheRoot_IsRefused()
    {
        var allowed = Directory.CreateDirectory(Path.Combine(_root, "allowed")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(_root, "outside", "repo")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(allowed, "link"), Path.GetDirectoryName(outside)!);
        var url = new Uri(Path.Combine(allowed, "link", "repo")).AbsoluteUri;

        var resolve = () => CreateSut(bind: "127.0.0.1", allowed).ResolveRepository(url);

        resolve.Should().Throw<PluginLoadException>()
            .WithMessage($"Repository '{url}' is outside the allowed roots ({allowed}) once its symbolic links are resolved.*");
    }

    [Fact]
    public void ResolveRepository_LinkInsideTheRoot_FetchesWhatWasChecked()
    {
        var allowed = Directory.CreateDirectory(Path.Combine(_root, "allowed")).FullName;
        var real = Directory.CreateDirectory(Path.Combine(allowed, "real", "repo")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(allowed, "alias"), Path.Combine(allowed, "real"));
        var sut = CreateSut(bind: "0.0.0.0", allowed);

        sut.ResolveRepository(new Uri(Path.Combine(allowed, "alias", "repo")).AbsoluteUri).Should().Be(new Uri(real).AbsoluteUri);
        sut.ResolveRepository(Path.Combine(allowed, "alias", "repo")).Should().Be(real);
    }

    [Theory]
    [InlineData("ext::sh -c touch% /tmp/pwned", "'<transport>::'")]
    [InlineData("relative/repo", "relative paths are not accepted")]
    [InlineData("file:////server/share/repo", "a file:// URL must name an absolute path on this machine")]
    public void ResolveRepository_RefusedUrl_ThrowsGitFetchException(string url, string reason)
    {
        var resolve = () => CreateSut(bind: "127.0.0.1").ResolveRepository(url);

        resolve.Should().Throw<GitFetchException>().Which.Message.Should().StartWith("Repository URL '").And.Contain(reason);
    }

    [Fact]
    public void ResolveAndResolveRepository_PathWithANulCharacter_FailTheEntryNamingIt()
    {
        // .NET refuses such paths with ArgumentException, which used to fail the whole LoadPlugins call as INTERNAL.
        var sut = CreateSut(bind: "127.0.0.1");

        sut.Invoking(s => s.ResolveRepository("file://" + _root + "/a%00b")).Should().Throw<PluginLoadException>()
            .WithMessage($"Repository 'file://{_root}/a%00b' holds a NUL character, which no path can; check how it was written.");
        sut.Invoking(s => s.Resolve(_root + "/a\0b")).Should().Throw<PluginLoadException>()
            .WithMessage($"Local plugin path '{_root}/a?b' holds a NUL character, which no path can; check how it was written.");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static LocalPluginPolicy CreateSut(string bind, params string[] roots) =>
        new(Options.Create(new PluginOptions { LocalRoots = [.. roots] }), Options.Create(new ServerOptions { BindAddress = bind }));
}
