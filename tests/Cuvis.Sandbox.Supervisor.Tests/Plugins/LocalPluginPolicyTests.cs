using Cuvis.Sandbox.Supervisor.Hosting;
using Cuvis.Sandbox.Supervisor.Plugins;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

public sealed class LocalPluginPolicyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cslp").FullName;

    [Fact]
    public void Resolve_LoopbackServerWithoutRoots_AllowsAnyExistingDirectory()
    {
        var plugin = Directory.CreateDirectory(Path.Combine(_root, "p")).FullName;

        CreateSut(bind: "127.0.0.1").Resolve(plugin).Should().Be(plugin);
    }

    [Fact]
    public void Resolve_ServerBeyondLoopbackWithoutRoots_Refuses()
    {
        var plugin = Directory.CreateDirectory(Path.Combine(_root, "p")).FullName;

        var resolve = () => CreateSut(bind: "0.0.0.0").Resolve(plugin);

        resolve.Should().Throw<PluginLoadException>().WithMessage("*refused*0.0.0.0*Plugins:LocalRoots*");
    }

    [Fact]
    public void Resolve_UnderAConfiguredRoot_Allows_OutsideRefuses()
    {
        var allowed = Directory.CreateDirectory(Path.Combine(_root, "allowed")).FullName;
        var inside = Directory.CreateDirectory(Path.Combine(allowed, "p")).FullName;
        var sibling = Directory.CreateDirectory(Path.Combine(_root, "allowed-not")).FullName;
        var sut = CreateSut(bind: "0.0.0.0", allowed);

        sut.Resolve(inside).Should().Be(inside);
        sut.Invoking(s => s.Resolve(sibling)).Should().Throw<PluginLoadException>().WithMessage("*outside the allowed roots*");
        sut.Invoking(s => s.Resolve(Path.Combine(allowed, "..", "allowed-not"))).Should().Throw<PluginLoadException>();
    }

    [Fact]
    public void Resolve_SymbolicLinkOutOfARoot_IsRefused()
    {
        var allowed = Directory.CreateDirectory(Path.Combine(_root, "allowed")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
        var link = Path.Combine(allowed, "link");
        Directory.CreateSymbolicLink(link, outside);

        var resolve = () => CreateSut(bind: "127.0.0.1", allowed).Resolve(link);

        resolve.Should().Throw<PluginLoadException>().WithMessage("*outside the allowed roots*");
    }

    [Fact]
    public void Resolve_LinkInsideALinkTargetLeadingOut_IsRefused()
    {
        // allowed/a -> allowed/b/p reads as inside the root, but allowed/b -> outside.
        var allowed = Directory.CreateDirectory(Path.Combine(_root, "allowed")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
        Directory.CreateDirectory(Path.Combine(outside, "p"));
        Directory.CreateSymbolicLink(Path.Combine(allowed, "b"), outside);
        var link = Path.Combine(allowed, "a");
        Directory.CreateSymbolicLink(link, Path.Combine(allowed, "b", "p"));

        var resolve = () => CreateSut(bind: "127.0.0.1", allowed).Resolve(link);

        resolve.Should().Throw<PluginLoadException>().WithMessage(
            $"Local plugin path '{link}' is outside the allowed roots ({allowed}) once its symbolic links are resolved. "
            + "Move it under one of them or add its directory to Plugins:LocalRoots.");
    }

    [Fact]
    public void Resolve_LinkInAMiddleComponentThatStaysInside_ReturnsTheResolvedDirectory()
    {
        var allowed = Directory.CreateDirectory(Path.Combine(_root, "allowed")).FullName;
        var real = Directory.CreateDirectory(Path.Combine(allowed, "real", "p")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(allowed, "alias"), "real");

        CreateSut(bind: "0.0.0.0", allowed).Resolve(Path.Combine(allowed, "alias", "p")).Should().Be(real);
    }

    [Fact]
    public void Resolve_RootThatIsALink_AllowsWhatIsUnderItsTarget()
    {
        var real = Directory.CreateDirectory(Path.Combine(_root, "real")).FullName;
        var plugin = Directory.CreateDirectory(Path.Combine(real, "p")).FullName;
        var rootLink = Path.Combine(_root, "root-link");
        Directory.CreateSymbolicLink(rootLink, real);

        CreateSut(bind: "0.0.0.0", rootLink).Resolve(plugin).Should().Be(plugin);
    }

    [Fact]
    public void Resolve_MissingDirectory_SaysNotFound() =>
        CreateSut(bind: "127.0.0.1").Invoking(s => s.Resolve(Path.Combine(_root, "nope")))
            .Should().Throw<PluginLoadException>().WithMessage("Local plugin directory not found: *");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static LocalPluginPolicy CreateSut(string bind, params string[] roots) =>
        new(Options.Create(new PluginOptions { LocalRoots = [.. roots] }), Options.Create(new ServerOptions { BindAddress = bind }));
}
